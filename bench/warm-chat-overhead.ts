import { getTempModelName, getTempModelPath, OllamaClient, sameModel, TempModelManager } from '../src-main/core/index'
import type { ChatMessageIn } from '../src-main/core/index'
import { startOllamaSim, type OllamaSim } from '../src-main/test-support/ollama-sim'
import { startStopwatch } from './lib/clock'
import { isMainModule, progress, roundsFor, runStandalone, type Benchmark, type BenchOptions } from './lib/cli'
import { compareInterleaved, type Sample } from './lib/compare'
import { comparisonRows, COMPARISON_HEADERS, printHeader, renderTable, type MetricSpec } from './lib/report'

const BASE = 'llama3'
const NUM_CTX = 8192
const REPLY = 'Sure. The short answer is that a bigger context lets the model see more of the conversation at once.'
const MESSAGES: ChatMessageIn[] = [{ role: 'user', content: 'Why would I raise num_ctx?' }]

type Metric = 'ttftMs' | 'turnMs' | 'requests'
const METRICS: readonly Metric[] = ['ttftMs', 'turnMs', 'requests']

/** Streams one reply from `model`; returns the stopwatch's time at the first token and at the end, and the requests sent since `before`. */
async function streamReply(client: OllamaClient, model: string, sim: OllamaSim, before: number, stopwatch: ReturnType<typeof startStopwatch>): Promise<Sample<Metric>> {
  let ttftMs = Number.NaN
  let text = ''
  for await (const chunk of client.chat({ model, messages: MESSAGES })) {
    if (Number.isNaN(ttftMs) && chunk.content.length > 0) ttftMs = stopwatch.wallMs()
    text += chunk.content
    if (chunk.done) break
  }
  if (text !== REPLY) throw new Error(`unexpected reply from ${model}: ${JSON.stringify(text.slice(0, 80))}`)
  return { ttftMs, turnMs: stopwatch.wallMs(), requests: sim.requests.length - before }
}

/** Ours: `TempModelManager.createTempModel` (a known temp model is reused without asking Ollama), then chat. */
function oursTurn(sim: OllamaSim, client: OllamaClient, manager: TempModelManager) {
  return async (): Promise<Sample<Metric>> => {
    const before = sim.requests.length
    const stopwatch = startStopwatch()
    const ref = await manager.createTempModel(BASE, NUM_CTX)
    const release = manager.acquire(ref.path)
    try {
      return await streamReply(client, ref.path, sim, before, stopwatch)
    } finally {
      release()
    }
  }
}

/**
 * Baseline: the original plan's step 1 on every turn: list `/api/tags` to see whether the temp model exists
 * (create it when not), `/api/show` it to confirm its `num_ctx`, then chat.
 */
function baselineTurn(sim: OllamaSim, client: OllamaClient) {
  const path = getTempModelPath(getTempModelName(BASE, NUM_CTX))
  return async (): Promise<Sample<Metric>> => {
    const before = sim.requests.length
    const stopwatch = startStopwatch()
    const listing = await client.listAll()
    if (!listing.some((model) => sameModel(model.name, path))) {
      await client.create({ model: path, from: BASE, parameters: { num_ctx: NUM_CTX } })
    }
    const shown = await client.show(path)
    if (shown.numCtx !== NUM_CTX) throw new Error(`${path} has num_ctx ${String(shown.numCtx)}, expected ${NUM_CTX}`)
    return streamReply(client, path, sim, before, stopwatch)
  }
}

async function run(options: BenchOptions): Promise<void> {
  const latencies = options.quick ? [2, 20] : [0, 2, 20]
  const rounds = roundsFor(options, 40, 10)
  printHeader({
    title: 'Warm chat turn with a custom num_ctx: overhead before the first token',
    ours: 'TempModelManager.createTempModel (known temp model reused, no request) + OllamaClient.chat',
    baseline: 'GET /api/tags + POST /api/show ("does the temp model exist, with this num_ctx?") before every chat',
    setup: [
      `Ollama simulator on a real socket, ${BASE} at num_ctx ${NUM_CTX}, a ${REPLY.split(' ').length}-token reply; a separate client each`,
      `simulated latency before every response: ${latencies.join(' ms, ')} ms; ${rounds} turns per side per latency`,
    ],
  })
  const sim = await startOllamaSim({ models: [BASE], reply: REPLY })
  const oursClient = new OllamaClient({ host: sim.url })
  const baselineClient = new OllamaClient({ host: sim.url })
  const manager = new TempModelManager(oursClient)
  const rows: string[][] = []
  try {
    const created = await manager.createTempModel(BASE, NUM_CTX)
    if (!created.created) throw new Error('the first createTempModel should have created the temp model')
    for (const latencyMs of latencies) {
      sim.faults.latency(latencyMs)
      const comparison = await compareInterleaved({
        metrics: METRICS,
        rounds,
        warmupRounds: 2,
        ours: oursTurn(sim, oursClient, manager),
        baseline: baselineTurn(sim, baselineClient),
      })
      progress(`latency ${latencyMs} ms done`)
      const specs: MetricSpec<Metric>[] = [
        { key: 'requests', label: `latency ${latencyMs} ms: HTTP requests per turn` },
        { key: 'ttftMs', label: `latency ${latencyMs} ms: time to first token (ms)` },
        { key: 'turnMs', label: `latency ${latencyMs} ms: whole turn (ms)` },
      ]
      rows.push(...comparisonRows(comparison, specs))
    }
  } finally {
    sim.faults.reset()
    await Promise.all([oursClient.close(), baselineClient.close()])
    await sim.close()
  }
  process.stdout.write(`${renderTable(COMPARISON_HEADERS, rows)}\n`)
}

/** Time to first token and requests of a warm chat turn with a custom num_ctx, against per-turn existence checks. */
export const warmChatOverhead: Benchmark = { name: 'warm-chat-overhead', run }

if (isMainModule(import.meta.url)) await runStandalone(warmChatOverhead)
