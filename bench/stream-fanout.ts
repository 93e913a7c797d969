import { startBrowserServer, type BrowserServer } from '../src-main/browser/browser-server'
import { sessionCookieName } from '../src-main/browser/session-auth'
import { DEFAULT_TIMING, type CoreTiming } from '../src-main/core/core-types'
import { silentLogger } from '../src-main/core/log'
import { startCoreHarness, unwrap, type CoreHarness } from '../src-main/test-support/core-harness'
import { startStopwatch } from './lib/clock'
import { isMainModule, progress, roundsFor, runStandalone, type Benchmark, type BenchOptions } from './lib/cli'
import { compareInterleaved, type Sample } from './lib/compare'
import { comparisonRows, COMPARISON_HEADERS, printHeader, renderTable, type MetricSpec } from './lib/report'
import { connectSse, type SseClient } from './lib/sse-client'
import { longReply } from './lib/text'

const BASE = 'llama3'
const TOKEN = 'bench-session-token'
const DELIVERY_TIMEOUT_MS = 60_000

type Metric = 'deltas' | 'kilobytes' | 'turnMs' | 'deliveredMs' | 'cpuMs'
const METRICS: readonly Metric[] = ['deltas', 'kilobytes', 'turnMs', 'deliveredMs', 'cpuMs']

/** A real core (with its own simulator and SQLite file) behind a real browser-mode server, with a window listening. */
interface Side {
  harness: CoreHarness
  server: BrowserServer
  window: SseClient
  turns: number
}

async function startSide(reply: string, tokenDelayMs: number, timing: Partial<CoreTiming>): Promise<Side> {
  const harness = await startCoreHarness({ sim: { models: [BASE], reply, tokenDelayMs }, timing })
  const server = await startBrowserServer({
    core: harness.core,
    rendererDir: harness.dataDir,
    token: TOKEN,
    log: silentLogger,
  })
  const window = await connectSse(server.origin, `${sessionCookieName(server.port)}=${TOKEN}`)
  return { harness, server, window, turns: 0 }
}

async function stopSide(side: Side): Promise<void> {
  side.window.close()
  await side.server.close()
  await side.harness.close()
}

/** Resolves once the window has received the whole reply as deltas; rejects after a generous timeout. */
function replyDelivered(window: SseClient, requestId: string, expected: string, onDelta: () => void): Promise<void> {
  let text = ''
  let stop = () => {}
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`window got ${text.length} of ${expected.length} characters`)),
      DELIVERY_TIMEOUT_MS,
    )
    const unsubscribe = window.onMessage((message) => {
      if (message.event !== 'chat:delta') return
      const delta = JSON.parse(message.data) as { requestId: string; content: string }
      if (delta.requestId !== requestId) return
      onDelta()
      text += delta.content
      if (text.length >= expected.length) {
        if (text !== expected) reject(new Error('the deltas do not add up to the reply'))
        else resolve()
      }
    })
    stop = () => {
      clearTimeout(timer)
      unsubscribe()
    }
  })
  return done.finally(() => stop())
}

/** One turn: `chat:send` through dispatch, timed until it resolves and until the window has the whole reply. */
function turn(side: Side, reply: string) {
  return async (): Promise<Sample<Metric>> => {
    const { core } = side.harness
    const conversation = unwrap(await core.dispatch('conversations:create', { model: BASE }))
    const requestId = `bench-${++side.turns}`
    let deltas = 0
    const delivered = replyDelivered(side.window, requestId, reply, () => void deltas++)
    const bytesBefore = side.window.received.bytes
    const stopwatch = startStopwatch()
    const result = unwrap(
      await core.dispatch('chat:send', { requestId, conversationId: conversation.id, text: 'Tell me a long story.' }),
    )
    const turnMs = stopwatch.wallMs()
    await delivered
    const deliveredMs = stopwatch.wallMs()
    const cpuMs = stopwatch.cpuMs()
    if (result.assistantMessage.status !== 'complete' || result.assistantMessage.content !== reply) {
      throw new Error(
        `the saved reply is ${result.assistantMessage.status} with ${result.assistantMessage.content.length} characters`,
      )
    }
    return { deltas, kilobytes: (side.window.received.bytes - bytesBefore) / 1024, turnMs, deliveredMs, cpuMs }
  }
}

/** How fast the simulator streams: as fast as it can, or one token per timer tick (about 1,000 tokens/s). */
interface Pace {
  tokenDelayMs: number
  label: string
}

const SPECS: MetricSpec<Metric>[] = [
  { key: 'deltas', label: 'chat:delta messages per reply' },
  { key: 'kilobytes', label: 'bytes to the window (KB)' },
  { key: 'turnMs', label: 'chat:send until it resolves (ms)' },
  { key: 'deliveredMs', label: 'until the window has it all (ms)' },
  { key: 'cpuMs', label: 'process CPU per turn (ms)' },
]

async function comparePace(pace: Pace, reply: string, rounds: number): Promise<string[][]> {
  const checkpointIntervalMs = DEFAULT_TIMING.checkpointIntervalMs
  const ours = await startSide(reply, pace.tokenDelayMs, {
    deltaIntervalMs: DEFAULT_TIMING.deltaIntervalMs,
    checkpointIntervalMs,
  })
  const baseline = await startSide(reply, pace.tokenDelayMs, { deltaIntervalMs: 0, checkpointIntervalMs })
  try {
    const comparison = await compareInterleaved({
      metrics: METRICS,
      rounds,
      ours: turn(ours, reply),
      baseline: turn(baseline, reply),
      onRound: (round) => progress(`${pace.label}: round ${round}/${rounds}`),
    })
    return comparisonRows(
      comparison,
      SPECS.map((spec) => ({ ...spec, label: `${pace.label}: ${spec.label}` })),
    )
  } finally {
    await Promise.all([stopSide(ours), stopSide(baseline)])
  }
}

async function run(options: BenchOptions): Promise<void> {
  const tokens = options.quick ? 1_000 : 5_000
  const rounds = roundsFor(options, 7, 3)
  const reply = longReply(tokens)
  const paces: Pace[] = [
    { tokenDelayMs: 0, label: 'burst' },
    { tokenDelayMs: 1, label: 'paced' },
  ]
  printHeader({
    title: `Streaming a ${tokens.toLocaleString('en')}-token reply to the window`,
    ours: `the real core with ReplyBuffer coalescing (deltaIntervalMs ${DEFAULT_TIMING.deltaIntervalMs})`,
    baseline: 'the same core with coalescing off (deltaIntervalMs 0: one delta per timer tick)',
    setup: [
      'each side: simulator → core (SQLite file, checkpoints every 500 ms) → browser-mode server → SSE window, real sockets',
      'burst: simulator tokenDelay 0 (tokens arrive dozens per tick, so even the baseline coalesces them)',
      'paced: simulator tokenDelay 1 ms (about 1,000 tokens/s, still faster than a local model; one token per tick)',
      `${rounds} turns per side and pace; a turn is chat:send in a new conversation, timed until the window has every delta`,
    ],
  })
  const rows: string[][] = []
  for (const pace of paces) rows.push(...(await comparePace(pace, reply, rounds)))
  process.stdout.write(`${renderTable(COMPARISON_HEADERS, rows)}\n`)
}

/** Delta events, bytes and time of streaming a long reply with and without the ReplyBuffer's coalescing. */
export const streamFanout: Benchmark = { name: 'stream-fanout', run }

if (isMainModule(import.meta.url)) await runStandalone(streamFanout)
