/**
 * The page's Content-Security-Policy, written once. Everything that states a policy derives it from here: the
 * meta tag Vite writes into index.html (renderer.config.ts `contentSecurityPolicyMeta`), browser mode's header
 * (src-main/browser/static-files.ts), the desktop app's `app:` responses (src-main/electron/app-protocol.ts),
 * the desktop smoke check and the tests. docs/security.md says why each directive is what it is.
 */

type Directives = Readonly<Record<string, readonly string[]>>

/** What the shipped app runs under: its own files only, no inline styles or scripts, no eval. */
const SHIPPED: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
}

/**
 * Only for Vite's dev server (`npm run dev`), never in a build: Vite injects the page's CSS as <style> elements
 * and React's fast refresh as an inline module script, and its hot-reload client talks over a websocket on the
 * dev server's port. CSP 3 lets 'self' match ws: of the page's own origin, but not every Chromium an Electron
 * version ships did, so the loopback websockets are written out.
 */
const DEVELOPMENT_RELAXATIONS: Directives = {
  'script-src': ["'unsafe-inline'"],
  'style-src': ["'unsafe-inline'"],
  'connect-src': ['ws://localhost:*', 'ws://127.0.0.1:*'],
}

/** Directives a <meta> policy cannot carry (browsers ignore them there with a console warning). */
const HEADER_ONLY = new Set(['frame-ancestors'])

export interface PolicyOptions {
  /** `meta` drops what a meta tag cannot carry; `header` is the whole policy. */
  delivery: 'meta' | 'header'
  /** Vite's dev server only; a build always gets the shipped policy. */
  development?: boolean
}

/** The policy as the one line a header or a meta tag's `content` carries. */
export function contentSecurityPolicy({ delivery, development = false }: PolicyOptions): string {
  return Object.entries(SHIPPED)
    .filter(([name]) => delivery === 'header' || !HEADER_ONLY.has(name))
    .map(([name, sources]) =>
      [name, ...sources, ...(development ? (DEVELOPMENT_RELAXATIONS[name] ?? []) : [])].join(' '),
    )
    .join('; ')
}

/** The shipped policy as browser mode and the desktop app send it in a header. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy({ delivery: 'header' })

/** Sources that only development may allow: none of them may ever appear in a built page's policy. */
export const DEVELOPMENT_ONLY_SOURCES: readonly string[] = [...new Set(Object.values(DEVELOPMENT_RELAXATIONS).flat())]
