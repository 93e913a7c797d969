// The renderer's build, shared by vite.config.ts (browser mode and the e2e tests) and electron.vite.config.ts
// (the desktop app), so both commands produce the same out/renderer and either may reuse the other's build.
// Every option electron-vite would otherwise default differently from Vite is set here.
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import type { Plugin, UserConfig } from 'vite'
// `.js` names the .ts file: Vite's config loader wants an extension, and src-main's tsconfig (whose tests import this
// file) does not allow `.ts` ones.
import { contentSecurityPolicy } from './src-shared/content-security-policy.js'

const root = fileURLToPath(new URL('.', import.meta.url))
const at = (path: string) => resolve(root, path)

// Every browser the app runs in reads woff2; the woff and ttf fallbacks KaTeX's CSS also names would only be copied
// into the build (about 1 MB) and never fetched.
const OLDER_FONT_FORMATS = /,\s*url\([^)]*\.(?:woff|ttf)\)\s*format\(["'](?:woff|truetype)["']\)/g

/** Drops the woff and ttf sources from KaTeX's @font-face rules, so only its woff2 fonts are emitted. */
export function woff2FontsOnly(): Plugin {
  return {
    name: 'ollmchat:woff2-fonts-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]katex[\\/]dist[\\/]katex(?:\.min)?\.css$/.test(id)) return null
      return { code: code.replace(OLDER_FONT_FORMATS, ''), map: null }
    },
  }
}

/**
 * Writes the page's CSP meta tag (src-shared/content-security-policy.ts) into index.html: the shipped policy in
 * every build, the relaxed one only while Vite's dev server serves the page (its hot reload needs inline styles
 * and scripts and a websocket), so no build can carry a relaxation.
 */
export function contentSecurityPolicyMeta(): Plugin {
  let development = false
  return {
    name: 'ollmchat:content-security-policy',
    configResolved(config) {
      development = config.command === 'serve'
    },
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        {
          tag: 'meta',
          attrs: {
            'http-equiv': 'Content-Security-Policy',
            content: contentSecurityPolicy({ delivery: 'meta', development }),
          },
          injectTo: 'head-prepend',
        },
      ],
    },
  }
}

/** src-renderer → out/renderer with relative asset paths (the desktop app loads it from a file: URL). */
export const rendererConfig = {
  root: at('src-renderer'),
  base: './',
  plugins: [react(), woff2FontsOnly(), contentSecurityPolicyMeta()],
  resolve: {
    // rehype-katex turns KaTeX's HTML into a tree with this package, whose browser build parses in the page's DOM:
    // every style attribute KaTeX writes is then a violation the CSP reports (it forbids inline styles; React
    // applies the parsed styles through the DOM, which it allows). Its default build parses in plain JavaScript.
    alias: [
      {
        find: /^hast-util-from-html-isomorphic$/,
        replacement: at('node_modules/hast-util-from-html-isomorphic/index.js'),
      },
    ],
  },
  envDir: root,
  envPrefix: 'VITE_',
  build: {
    outDir: at('out/renderer'),
    emptyOutDir: true,
    // Browser mode runs in any current browser, the desktop app in Electron's Chromium: one target serves both.
    target: 'es2022',
    minify: true,
    modulePreload: { polyfill: false },
    // The gzip column of the build report; scripts/check-bundle.mjs checks what the first page loads.
    reportCompressedSize: true,
    // .vite/manifest.json: which chunks the entry imports statically (the first page) and which lazily.
    manifest: true,
    chunkSizeWarningLimit: 500,
    rolldownOptions: { input: at('src-renderer/index.html') },
  },
} satisfies UserConfig
