// Runs the BUILT desktop main process (out/main/main.js, after `npx electron-vite build`) under plain Node with
// a fake `electron` module, against the real core: the check that the bundle loads and wires up, on machines
// where Electron itself cannot run. Exits 1 with the failed checks listed.
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { register } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Script } from 'node:vm'

/** @import { FakeElectron } from './lib/fake-electron-module.mjs' */

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = (/** @type {string[]} */ ...parts) => join(root, 'out', ...parts)
/** @type {string[]} */
const failures = []
const check = (/** @type {unknown} */ ok, /** @type {string} */ what) => {
  if (!ok) failures.push(what)
}
/** What the stand-in recorded, once main has imported it (scripts/lib/fake-electron-module.mjs). */
const recorded = () => /** @type {FakeElectron | undefined} */ (Reflect.get(globalThis, '__fakeElectron'))
/** @type {() => never} */
const finish = () => {
  console.log(
    failures.length === 0 ? 'desktop smoke: OK' : `desktop smoke: FAILED\n${failures.map((f) => `- ${f}`).join('\n')}`,
  )
  const fake = recorded()
  if (fake) rmSync(fake.userData, { recursive: true, force: true })
  process.exit(failures.length === 0 ? 0 : 1)
}

if (!existsSync(out('main', 'main.js')) || !existsSync(out('preload', 'preload.cjs'))) {
  console.log('desktop smoke: out/ is missing; run `npx electron-vite build` first.')
  process.exit(1)
}
const preload = readFileSync(out('preload', 'preload.cjs'), 'utf8')
try {
  new Script(preload)
} catch (error) {
  check(false, `preload.cjs is not a CommonJS script: ${String(error)}`)
}
const required = [...preload.matchAll(/require\((["'])([^"']+)\1\)/g)].map((m) => m[2])
check(
  required.every((name) => name === 'electron'),
  `the sandboxed preload requires more than electron: ${required.join(', ')}`,
)

process.env.OLLAMA_HOST ??= 'http://127.0.0.1:1'
setTimeout(() => {
  check(false, 'timed out')
  finish()
}, 20_000).unref()
register('./lib/fake-electron-hooks.mjs', import.meta.url)
await import(pathToFileURL(out('main', 'main.js')).href)
const fake = recorded()
if (!fake) {
  check(false, 'main did not import the electron stand-in')
  finish()
}
for (let i = 0; i < 100 && !(fake.windows[0]?.shown && fake.handlers.size > 0); i++)
  await new Promise((r) => setTimeout(r, 50))

const window = fake.windows[0]
check(fake.windows.length === 1 && window?.shown, 'one window was created and shown')
const menuLabels = (fake.Menu.applicationMenu?.items ?? []).map(
  (item) => Reflect.get(Object(item), 'label') ?? Reflect.get(Object(item), 'role'),
)
// On Linux: File and View are the app's own; Edit, Window and Help are Electron's roles with the app's items.
check(
  menuLabels.join() === 'File,editMenu,View,windowMenu,help',
  `the application menu is set from its template (${menuLabels.join(', ')})`,
)
const prefs = window?.options.webPreferences ?? {}
check(
  prefs.contextIsolation === true &&
    prefs.sandbox === true &&
    prefs.nodeIntegration === false &&
    prefs.webviewTag === false,
  'secure webPreferences',
)
check(prefs.preload === out('preload', 'preload.cjs'), `the preload path is the built preload (${prefs.preload})`)
check(window?.loaded === 'app://ollmchat/index.html', `the window loads app://ollmchat/index.html (${window?.loaded})`)
check(fake.handlers.size > 0 && fake.handlers.has('app:getInfo'), 'IPC handlers are registered')

// The app: scheme: privileged before ready, then serving out/renderer and nothing outside it.
check(
  fake.lifecycle.indexOf('register-schemes') === 0 && fake.lifecycle.includes('ready'),
  `the app: scheme is registered before the app is ready (${fake.lifecycle.join(', ')})`,
)
const scheme = fake.privilegedSchemes.find((entry) => entry.scheme === 'app')
check(
  scheme?.privileges.standard === true && scheme.privileges.secure === true,
  'the app: scheme is standard and secure',
)
const serveApp = (/** @type {string} */ url) => fake.protocolHandlers.get('app')?.(new Request(url))
const page = await serveApp('app://ollmchat/index.html')
// The policy is written once (src-shared/content-security-policy.ts): the built page's meta tag and the app: header
// must be it exactly, so a dev server's relaxation can never reach the built app.
const { tsImport } = await import('tsx/esm/api')
/** @type {typeof import('../src-shared/content-security-policy.ts')} */
const csp = await tsImport('../src-shared/content-security-policy.ts', import.meta.url)
const html = (await page?.text()) ?? ''
const metaPolicy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replaceAll('&#39;', "'")
check(page?.status === 200 && html.includes('<div id="root">'), 'app://ollmchat/index.html serves the built page')
check(
  metaPolicy === csp.contentSecurityPolicy({ delivery: 'meta' }),
  `the built page's CSP meta tag is the shipped policy (${metaPolicy})`,
)
check(
  page?.headers.get('content-security-policy') === csp.CONTENT_SECURITY_POLICY,
  'app: responses carry the shipped policy as a header',
)
const escaped = await serveApp('app://ollmchat/..%2fmain%2fmain.js')
check(escaped?.status === 404, `a path out of the renderer folder is refused (${escaped?.status})`)

// Every web contents is guarded from its creation (contents-guard.ts), the window's included.
const contents = window?.webContents
check(
  ['will-attach-webview', 'will-navigate', 'will-redirect'].every((event) => contents?.listenerCount(event) === 1),
  'webview, navigation and redirect guards are installed on the window’s contents',
)
check(contents?.windowOpenHandler?.({ url: 'https://evil.example/' })?.action === 'deny', 'window.open is denied')
check(
  contents?.session.permissionCheckHandler?.(contents, 'media', 'app://ollmchat', {
    requestingUrl: 'app://ollmchat/index.html',
  }) === false && contents?.session.devicePermissionHandler?.({ deviceType: 'usb' }) === false,
  'permission checks and devices are denied',
)

const trusted = { sender: window?.webContents, senderFrame: { url: 'app://ollmchat/index.html' } }
const info = await fake.handlers.get('app:getInfo')?.(trusted, {})
check(
  info?.ok === true && info.value.mode === 'desktop',
  `app:getInfo answers from the real core (${JSON.stringify(info)})`,
)
const refused = await fake.handlers.get('app:getInfo')?.(
  { sender: {}, senderFrame: { url: 'https://evil.example/' } },
  {},
)
check(refused?.ok === false && refused.error.code === 'FORBIDDEN', 'a foreign sender is refused')

// A history in a file is searched on its own thread, which the built app starts from out/main/search-worker.js
// (there is no source beside the bundle to fall back on). With Ollama unreachable a turn still saves the user's
// message (and the error as the reply), so there is something to find.
const invoke = (/** @type {string} */ channel, /** @type {unknown} */ input) =>
  fake.handlers.get(channel)?.(trusted, input)
const created = await invoke('conversations:create', { model: null })
const conversationId = created?.ok ? created.value.id : undefined
await invoke('conversations:update', { conversationId, model: 'llama3.2' })
const sent = await invoke('chat:send', { requestId: 'smoke', conversationId, text: 'a quokka in the smoke test' })
check(sent?.ok === true, `a turn with Ollama unreachable still saves the message (${JSON.stringify(sent?.error)})`)
const found = await invoke('conversations:search', { query: 'quokka' })
check(
  found?.ok === true &&
    found.value.hits.some((/** @type {{ conversationId: string }} */ hit) => hit.conversationId === conversationId),
  `conversations:search finds the message through the built search worker (${JSON.stringify(found)})`,
)

fake.app.quit()
check(fake.quits[0] === 'held', 'the first quit waits for core.stop')
for (let i = 0; i < 100 && fake.quits.length < 2; i++) await new Promise((r) => setTimeout(r, 50))
check(fake.quits[1] === 'done', 'quitting completes after core.stop')
check(fake.handlers.size === 0, 'closing the window removed the IPC handlers')
const settings = JSON.parse(readFileSync(join(fake.userData, 'settings.json'), 'utf8'))
check(
  settings.window?.width === 1111 && settings.window?.maximized === false,
  'the window size was saved to settings.json',
)
finish()
