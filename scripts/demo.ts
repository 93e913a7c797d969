// `npm run demo`: try ollmchat without installing Ollama. Starts the repo's Ollama simulator with a few models
// (and two leftover temporary models, so the start-up clean-up has something to do), then the browser mode
// pointed at it. The window says clearly that the Ollama it talks to is simulated.
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { portOrExit, runUntilSignalled } from '../src-main/browser/cli-runner'
import { runBrowserMode } from '../src-main/browser/run-browser-mode'
import { createConsoleLogger } from '../src-main/core/log'
import { startOllamaSim, type OllamaSim } from '../tools/ollama-sim/index'
import { CATALOG } from '../tools/ollama-sim/catalog'
import { ensureRendererBuilt } from './lib/renderer-build.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'ollama-port': { type: 'string', default: '0' },
    'data-dir': { type: 'string', default: join(tmpdir(), 'ollmchat-demo') },
  },
})
const port = portOrExit(values.port, '--port')
const ollamaPort = portOrExit(values['ollama-port'], '--ollama-port')
const dataDir = values['data-dir']

async function startSimulator(): Promise<OllamaSim> {
  const sim = await startOllamaSim({
    port: ollamaPort,
    tokenDelayMs: 25,
    loadDelayMs: 600,
    // Bare names take the simulator's catalog (sizes, capabilities, parameters as Ollama's library has them).
    models: [
      'llama3.2:3b',
      'qwen3:8b',
      // A model whose Modelfile sets its own context, so the Models page shows "set by the model".
      { name: 'gemma3:4b', parameters: { ...CATALOG['gemma3:4b']?.parameters, num_ctx: 8192 } },
      'mistral:7b',
      // An embedding model: the Models page marks it, and no picker offers it for chat.
      'nomic-embed-text',
    ],
  })
  // Leftovers of an earlier run: the start-up clean-up deletes them (watch the log).
  for (const leftover of ['ollmchat-temp/mistral-oc8192', 'ollmchat-temp/llama3.2-oc16384:3b-0123456789abcdef']) {
    sim.addModel({ name: leftover, family: 'llama', contextLength: 32768, parameters: { num_ctx: 8192 } })
  }
  return sim
}

async function startDemo() {
  const sim = await startSimulator()
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  try {
    const mode = await runBrowserMode({
      dataDir,
      rendererDir: join(root, 'out', 'renderer'),
      version,
      log: createConsoleLogger(),
      port,
      env: { ...process.env, OLLAMA_HOST: sim.url },
      simulatedOllama: true,
    })
    return { sim, mode, close: () => mode.close().then(() => sim.close()) }
  } catch (error) {
    await sim.close()
    throw error
  }
}

await ensureRendererBuilt(root)
await runUntilSignalled(startDemo, ({ sim, mode }) => {
  const installed = sim.listModelNames().filter((name) => !name.startsWith('ollmchat-temp/'))
  console.log(`ollmchat demo: a simulated Ollama at ${sim.url} with ${installed.join(', ')}.`)
  console.log(`Open this address in your browser:\n\n  ${mode.server.url}\n`)
  console.log(`Data folder: ${dataDir}. Press Ctrl+C to stop.`)
})
