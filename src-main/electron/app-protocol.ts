/**
 * The app's page is served from `app://ollmchat/…` rather than `file://`: a `file:` page shares its origin with
 * every file on the disk (and `file:` grants extra privileges), while this scheme answers only with the files of
 * the built renderer folder. Registered as standard and secure before the app is ready, as Electron requires.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CONTENT_SECURITY_POLICY } from '../../src-shared/content-security-policy'
import type { Logger } from '../core/log'
import type { ProtocolLike } from './electron-like'

export const APP_SCHEME = 'app'
export const APP_HOST = 'ollmchat'
/** The URL the window loads. */
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/**
 * Registers the scheme's privileges; must run before the app is ready. Standard: URLs resolve relatively and the
 * page has an origin of its own (`app://ollmchat`); secure: the page is a secure context, as on https; fetch API:
 * the page may `fetch` its own assets. Nothing else (no CORS bypass, no service workers).
 */
export function registerAppScheme(protocol: ProtocolLike): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/**
 * The file inside `rendererDir` an `app:` URL names, or undefined for anything else: another scheme or host,
 * broken percent-encoding, a NUL byte, or a path that leaves the folder (`..`, encoded `%2e%2e%2f`, `%5c` on
 * Windows). `/` names index.html.
 */
export function resolveAppFile(rendererDir: string, url: string): string | undefined {
  let parsed: URL
  let pathname: string
  try {
    parsed = new URL(url)
    pathname = decodeURIComponent(parsed.pathname)
  } catch {
    return undefined
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || pathname.includes('\0')) return undefined
  const root = resolve(rendererDir)
  const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`)
  const inside = relative(root, file)
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return undefined
  return file
}

/** What serving the scheme needs: the folder, how a file is read (Electron's `net.fetch` of a `file:` URL). */
export interface AppProtocolDeps {
  protocol: ProtocolLike
  rendererDir: string
  fetchFile: (fileUrl: string) => Promise<Response>
  log: Logger
}

/** The file's response with the page's CSP as a header too, which (unlike the meta tag) also covers frame-ancestors. */
function withPolicy(response: Response): Response {
  const headers = new Headers(response.headers)
  headers.set('content-security-policy', CONTENT_SECURITY_POLICY)
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
}

/**
 * Serves `app://ollmchat/…` from the renderer folder (call once the app is ready). Only GET and HEAD; a path that
 * names no file inside the folder is a 404, and is logged when it tried to climb out.
 */
export function handleAppProtocol(deps: AppProtocolDeps): void {
  deps.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 })
    const file = resolveAppFile(deps.rendererDir, request.url)
    if (file === undefined) {
      deps.log.warn('refused an app: request outside the app', { url: request.url.slice(0, 200) })
      return new Response(null, { status: 404 })
    }
    try {
      return withPolicy(await deps.fetchFile(pathToFileURL(file).href))
    } catch {
      return new Response(null, { status: 404 })
    }
  })
}
