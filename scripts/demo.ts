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
    models: [
      {
        name: 'llama3.2:3b',
        family: 'llama',
        parameterSize: '3.2B',
        quantization: 'Q4_K_M',
        contextLength: 131072,
        sizeBytes: 2_019_393_189,
      },
      {
        name: 'qwen3:8b',
        family: 'qwen3',
        parameterSize: '8.2B',
        quantization: 'Q4_K_M',
        contextLength: 40960,
        sizeBytes: 5_225_388_164,
        capabilities: ['completion', 'thinking'],
      },
      {
        name: 'gemma3:4b',
        family: 'gemma3',
        parameterSize: '4.3B',
        quantization: 'Q4_K_M',
        contextLength: 131072,
        sizeBytes: 3_338_801_804,
        parameters: { num_ctx: 8192 },
      },
      {
        name: 'mistral:7b',
        family: 'llama',
        parameterSize: '7.2B',
        quantization: 'Q4_0',
        contextLength: 32768,
        sizeBytes: 4_113_301_824,
      },
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
