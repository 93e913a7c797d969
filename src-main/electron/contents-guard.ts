/**
 * The checklist rules that hold for every web contents the app ever creates, not only the main window:
 * `startDesktopApp` installs them from `app.on('web-contents-created')`, so a contents created later (a devtools
 * host, a future window, anything a bug lets in) is locked down before it loads a page.
 */
import type { Logger } from '../core/log'
import { externalUrl, isAppUrl } from './app-url'
import type { SessionLike, ShellLike, WebContentsLike } from './electron-like'

/** The only permission the page may get: writing text to the clipboard (the copy buttons need it). */
const GRANTABLE_PERMISSIONS = new Set(['clipboard-sanitized-write'])

/**
 * The permission policy, for requests and checks alike: everything is denied, except clipboard writes asked for
 * by the app's own page (Chromium asks for `clipboard-sanitized-write` before every `navigator.clipboard.writeText`).
 */
export function isPermissionGranted(permission: string, requestingUrl: string | undefined, appUrl: string): boolean {
  return GRANTABLE_PERMISSIONS.has(permission) && isAppUrl(requestingUrl, appUrl)
}

/** Opens a link in the user's browser or mail program, only if it parses as http(s)/mailto. */
export function openExternalSafely(url: string, shell: ShellLike, log: Logger): void {
  const safe = externalUrl(url)
  if (safe === undefined) {
    log.warn('refused to open a link', { url: url.slice(0, 200) })
    return
  }
  shell.openExternal(safe).catch((error: unknown) => {
    log.warn('could not open a link', { url: safe, error: String(error) })
  })
}

/**
 * Denies by default on a session: permission requests and permission checks (granted only for
 * `isPermissionGranted`), and every device (HID, serial, USB) without asking.
 */
export function guardSession(session: SessionLike, appUrl: string, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = isPermissionGranted(permission, details.requestingUrl, appUrl)
    if (!granted) log.info('denied a permission request', { permission })
    callback(granted)
  })
  // Checks (navigator.permissions.query, and Chromium's own checks before some APIs) answer synchronously; a check
  // names the requesting origin, and the last URL its frame loaded only for same-origin frames.
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted(permission, details.requestingUrl ?? requestingOrigin, appUrl),
  )
  session.setDevicePermissionHandler(() => false)
}

/** What the guard needs: where links may go, and which page is the app. */
export interface ContentsGuardDeps {
  shell: ShellLike
  log: Logger
  /** The URL the app's page is trusted under (see `appUrlFor`). */
  appUrl: string
  /** The session to guard instead of each contents' own (tests, or an app with one custom session). */
  session?: SessionLike
}

/**
 * Locks one web contents down: no `<webview>` may attach, the page never navigates or follows a redirect (a link
 * without target=_blank would otherwise replace the app with a web page; parsed http(s)/mailto links go to the
 * OS instead), `window.open` is always denied, and its session denies permissions and devices by default.
 */
export function guardWebContents(contents: WebContentsLike, deps: ContentsGuardDeps): void {
  const { shell, log } = deps
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    log.warn('refused to attach a webview')
  })
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    openExternalSafely(url, shell, log)
  })
  contents.on('will-redirect', (event) => {
    event.preventDefault()
    log.warn('refused a redirect')
  })
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url, shell, log)
    return { action: 'deny' }
  })
  guardSession(deps.session ?? contents.session, deps.appUrl, log)
}
