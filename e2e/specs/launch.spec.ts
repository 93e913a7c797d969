// The commands a person types, run as they run them: `npm run serve`'s server and `npm run demo`, as child
// processes, reached only through the address they print.
import { test as base, expect } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startOllamaSim } from '../../tools/ollama-sim/index'

// As `npm run demo` runs it: one node process with tsx's loader registered in it.
const NODE_WITH_TSX = ['--import', 'tsx']

/** Starts a command and resolves with the `http://127.0.0.1:<port>/?token=…` address it prints. */
function launch(
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [...NODE_WITH_TSX, ...args], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address printed:\n${output}`)), 30_000)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output)?.[0]
      if (url) {
        clearTimeout(timer)
        resolve({ child, url, output: () => output })
      }
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)))
  })
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })

const test = base.extend<{ dataDir: string }>({
  // Playwright reads a fixture's dependencies from this destructuring, so "none" has to be written as {}.
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'ollmchat-launch-'))
    await use(dir)
    rmSync(dir, { recursive: true, force: true })
  },
})

test('npm run serve: loopback only, refuses requests without the printed token, honours OLLAMA_HOST', async ({
  page,
  dataDir,
}) => {
  const sim = await startOllamaSim({ models: ['llama3'] })
  const { child, url } = await launch(['src-main/browser/cli.ts', '--port', '0', '--data-dir', dataDir], {
    OLLAMA_HOST: sim.url,
  })
  try {
    const origin = new URL(url).origin
    expect(new URL(url).hostname).toBe('127.0.0.1')
    expect((await fetch(`${origin}/`)).status).toBe(403)
    expect(
      (await fetch(`${origin}/rpc/models:list`, { method: 'POST', headers: { 'x-ollmchat': '1' }, body: '{}' })).status,
    ).toBe(403)

    await page.goto(url)
    await expect(page.getByText(`Ollama ${'0.32.15'}`, { exact: true })).toBeVisible()
    await expect(page.getByRole('combobox', { name: 'Model' })).toContainText('llama3:latest')
    expect(sim.requestsTo('/api/tags').length).toBeGreaterThan(0)
    await expect(page.getByText('Simulated Ollama')).toHaveCount(0)
  } finally {
    await stop(child)
    await sim.close()
  }
})

test('npm run serve: a port that is not a number is refused with a clear message', async ({ dataDir }) => {
  const child = spawn(
    process.execPath,
    [...NODE_WITH_TSX, 'src-main/browser/cli.ts', '--port', 'eighty', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  expect(code).toBe(2)
  expect(stderr).toContain('--port must be a number from 0 to 65535')
})

test('npm run demo: a simulated Ollama with models, labelled as simulated, and a chat that streams', async ({
  page,
  dataDir,
}) => {
  const { child, url } = await launch(['scripts/demo.ts', '--port', '0', '--data-dir', dataDir], {})
  try {
    await page.goto(url)
    await expect(page.getByText('Simulated Ollama')).toBeVisible()
    const picker = page.getByRole('combobox', { name: 'Model' })
    // Four chat models; the demo's embedding model is not offered.
    await expect(picker.getByRole('option')).toHaveCount(4)
    await expect(picker).not.toContainText('ollmchat-temp')
    await expect(picker).not.toContainText('nomic-embed-text')
    await page.getByRole('textbox', { name: 'Message' }).fill('Hello there')
    await page.getByRole('textbox', { name: 'Message' }).press('Enter')
    await expect(page.getByRole('region', { name: 'Messages' }).locator('li[aria-busy="false"]').last()).not.toBeEmpty({
      timeout: 20_000,
    })
  } finally {
    await stop(child)
  }
})
