// The real desktop app: the built main process (out/main/main.js, via package.json `main`) in Electron, its window
// driven by Playwright, against the Ollama simulator. Runs wherever Electron's binary is installed; elsewhere it
// reports itself skipped with the reason. Its own Playwright project (`--project=electron`), so the Chromium
// specs never start Electron.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { electronEnv, resolveElectronBinary } from '../../scripts/lib/electron-binary.mjs'
import { startOllamaSim, type OllamaSim } from '../../tools/ollama-sim/index'
import { DEFAULT_MODELS } from '../fixtures/app'
import { chat } from '../fixtures/chat-page'
import { chatBodies, createDerived, deletedNames } from '../fixtures/sim-helpers'

const root = process.cwd()
const TEMP_MODEL = 'ollmchat-temp/llama3-oc4096'
const LEFTOVER = 'ollmchat-temp/llama3-oc2048'

// The same test as `npm start`'s: the electron package names an executable that exists.
const binary = resolveElectronBinary(() => createRequire(import.meta.url)('electron'))
const SKIP_REASON =
  "Electron's binary is not installed: node_modules/electron has no executable (its download was skipped or blocked " +
  'on this machine); where it can be downloaded, `node node_modules/electron/install.js` fetches it'
test.skip(binary === undefined, SKIP_REASON)
// Playwright's list reporter shows a skipped test's title only (the reason is in the JSON report's annotations),
// so the reason is also printed when the spec is collected.
if (binary === undefined) console.log(`electron spec skipped: ${SKIP_REASON}`)

/** Starts the built app on `dataDir` with Ollama at the simulator, and its first window. */
async function launch(dataDir: string, sim: OllamaSim): Promise<{ app: ElectronApplication; page: Page }> {
  if (binary === undefined) throw new Error(SKIP_REASON)
  const app = await electron.launch({
    executablePath: binary,
    // The folder, as `npm start` does: Electron reads package.json and runs its `main` (out/main/main.js).
    args: [root, `--user-data-dir=${dataDir}`, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
    env: { ...electronEnv(process.env), OLLAMA_HOST: sim.url, XDG_CONFIG_HOME: dataDir },
  })
  const page = await app.firstWindow()
  await page.getByRole('textbox', { name: 'Message' }).waitFor()
  return { app, page }
}

test.beforeAll(() => {
  // The app under test is the working tree: main, preload and window built now.
  execFileSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  })
})

test('a chat with a custom context runs on a temporary model, which the next start cleans up', async () => {
  test.setTimeout(120_000)
  const sim = await startOllamaSim({ models: DEFAULT_MODELS, tokenDelayMs: 5 })
  const dataDir = test.info().outputPath('data')
  mkdirSync(dataDir, { recursive: true })
  try {
    await createDerived(sim, LEFTOVER, 'llama3:latest', 2048)
    sim.clearRequests()

    const { app, page } = await launch(dataDir, sim)
    await expect
      .poll(() => sim.hasModel(LEFTOVER), { message: 'start-up clean-up deletes the unused leftover' })
      .toBe(false)

    const set = await page.evaluate(() =>
      (window as unknown as { ollmchat: Record<string, (input: unknown) => Promise<{ ok: boolean }>> }).ollmchat[
        'models:setNumCtx'
      ]!({ model: 'llama3:latest', numCtx: 4096 }),
    )
    expect(set.ok).toBe(true)
    await page.reload()
    await chat(page, 'Run with my context')
    const created = sim
      .requestsTo('/api/create', 'POST')
      .map((request) => request.body as { model: string; from?: string })
    expect(created).toEqual([expect.objectContaining({ model: TEMP_MODEL, from: 'llama3:latest' })])
    expect(chatBodies(sim).map((body) => body.model)).toEqual([TEMP_MODEL])
    await app.close()

    // Not loaded any more and not in use: the next start deletes it, and the base model stays.
    sim.unloadAll()
    const restarted = await launch(dataDir, sim)
    await expect
      .poll(() => sim.hasModel(TEMP_MODEL), { message: 'the next start deletes the temporary model' })
      .toBe(false)
    expect(deletedNames(sim)).toContain(`${TEMP_MODEL}:latest`)
    expect(sim.hasModel('llama3')).toBe(true)
    await restarted.app.close()
  } finally {
    await sim.close()
  }
})
