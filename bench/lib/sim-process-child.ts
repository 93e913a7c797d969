/**
 * The Ollama simulator in a process of its own, driven by `sim-process.ts` over IPC. Its work (listing thousands
 * of models, answering thousands of deletes) then never shows up in the benchmark process's event loop or CPU,
 * which measure only the client side. Also pings a URL of the benchmark process from here, so a blocked event
 * loop there shows as a slow answer, as the window would see it.
 */
import { Agent, request } from 'undici'
import { startOllamaSim, type SimOptions } from '../../tools/ollama-sim/index'
import type { SimCommand } from './sim-process'

const sim = await startOllamaSim(JSON.parse(process.env.OLLMCHAT_BENCH_SIM ?? '{}') as SimOptions)
const pool = new Agent({ connections: 16 })
let pinging: { stop: () => Promise<number[]> } | null = null

async function post(path: string, body: unknown): Promise<void> {
  const response = await request(`${sim.url}${path}`, { method: 'POST', body: JSON.stringify(body), dispatcher: pool })
  const text = await response.body.text()
  if (response.statusCode !== 200) throw new Error(`${path} answered ${response.statusCode}: ${text}`)
}

/** Creates `names` from `from` through `/api/create`, 16 at a time (setup, not measured). */
async function seed(names: readonly string[], from: string, numCtxOf: readonly number[]): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < names.length) {
      const i = next++
      await post('/api/create', { model: names[i], from, parameters: { num_ctx: numCtxOf[i] }, stream: false })
    }
  }
  await Promise.all(Array.from({ length: 16 }, worker))
}

/** GETs `url` every `everyMs` (one at a time, keep-alive) until stopped; the round trips in milliseconds. */
function startPinging(url: string, everyMs: number): { stop: () => Promise<number[]> } {
  const agent = new Agent({ connections: 1 })
  const rtts: number[] = []
  let running = true
  const loop = (async () => {
    while (running) {
      const sent = performance.now()
      const response = await request(url, { dispatcher: agent })
      await response.body.text()
      rtts.push(performance.now() - sent)
      await new Promise((resolve) => setTimeout(resolve, everyMs))
    }
  })()
  return {
    stop: async () => {
      running = false
      await loop
      await agent.close()
      return rtts
    },
  }
}

const tempNames = () => sim.listModelNames().filter((name) => name.toLowerCase().startsWith('ollmchat-temp/'))

async function handle(command: SimCommand): Promise<unknown> {
  switch (command.kind) {
    case 'seed':
      await seed(command.names, command.from, command.numCtx)
      return null
    case 'load':
      sim.load(command.name, { numCtx: command.numCtx, keepAliveMs: 3_600_000 })
      return null
    case 'temps':
      return tempNames()
    case 'latency':
      sim.faults.latency(command.ms)
      return null
    case 'drop-deletes':
      sim.faults.dropConnectionNext('/api/delete', command.times)
      return null
    case 'requests': {
      const count = sim.requests.length
      sim.clearRequests()
      return count
    }
    case 'ping-start':
      pinging = startPinging(command.url, command.everyMs)
      return null
    case 'ping-stop': {
      const rtts = (await pinging?.stop()) ?? []
      pinging = null
      return rtts
    }
    case 'close':
      await pool.close()
      await sim.close()
      setImmediate(() => process.exit(0))
      return null
  }
}

process.on('message', (message: { id: number; command: SimCommand }) => {
  handle(message.command).then(
    (result) => process.send?.({ id: message.id, result }),
    (error: unknown) =>
      process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  )
})
process.send?.({ id: 0, result: sim.url })
