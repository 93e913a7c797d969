import { Ollama } from 'ollama'
import { startBrowserServer, type BrowserServer } from '../src-main/browser/browser-server'
import { sessionCookieName } from '../src-main/browser/session-auth'
import { DEFAULT_TIMING } from '../src-main/core/core-types'
import { silentLogger } from '../src-main/core/log'
import { startCoreHarness, unwrap, type CoreHarness } from '../src-main/test-support/core-harness'
import { startStopwatch } from './lib/clock'
import { isMainModule, progress, roundsFor, runStandalone, type Benchmark, type BenchOptions } from './lib/cli'
import { compareInterleaved, type Sample } from './lib/compare'
import { comparisonRows, COMPARISON_HEADERS, printHeader, renderTable, type MetricSpec } from './lib/report'
import { connectSse, type SseClient } from './lib/sse-client'

const BASE = 'llama3'
const NUM_CTX = 8192
const TOKEN = 'bench-session-token'
const REPLY = 'Sure. The short answer is that a bigger context lets the model see more of the conversation at once.'
const QUESTION = 'Why would I raise num_ctx?'
/** About 100 tokens per second: a fast local model on a GPU. */
const TOKEN_DELAY_MS = 10
const TIMEOUT_MS = 30_000

type Metric = 'firstTokenMs' | 'turnMs' | 'requestsBeforeFirstToken' | 'requestsPerTurn'
const METRICS: readonly Metric[] = ['firstTokenMs', 'turnMs', 'requestsBeforeFirstToken', 'requestsPerTurn']

/** The real core (SQLite file, settings) behind the real browser-mode server, with a window on its event stream. */
interface Ours {
  harness: CoreHarness
  server: BrowserServer
  window: SseClient
  cookie: string
  conversationId: string
  turns: number
}

async function startOurs(): Promise<Ours> {
  const harness = await startCoreHarness({
    sim: { models: [BASE], reply: REPLY, tokenDelayMs: TOKEN_DELAY_MS },
    // The shipped timing, not the harness's fast test timing: the batching interval is what is being measured.
    timing: { deltaIntervalMs: DEFAULT_TIMING.deltaIntervalMs, checkpointIntervalMs: DEFAULT_TIMING.checkpointIntervalMs },
  })
  const server = await startBrowserServer({ core: harness.core, rendererDir: harness.dataDir, token: TOKEN, log: silentLogger })
  const cookie = `${sessionCookieName(server.port)}=${TOKEN}`
  const window = await connectSse(server.origin, cookie)
  unwrap(await harness.core.dispatch('models:setNumCtx', { model: BASE, numCtx: NUM_CTX }))
  const conversation = unwrap(await harness.core.dispatch('chats:create', { model: BASE }))
  return { harness, server, window, cookie, conversationId: conversation.id, turns: 0 }
}

async function stopOurs(ours: Ours): Promise<void> {
  ours.window.close()
  await ours.server.close()
  await ours.harness.close()
}

/** What the window does to send a message: `POST /rpc/chat:send`, as the renderer's browser transport does. */
async function postChatSend(ours: Ours, requestId: string): Promise<{ ok: boolean; value?: { assistantMessage: { content: string } } }> {
  const response = await fetch(`${ours.server.origin}/rpc/chat:send`, {
    method: 'POST',
    headers: { cookie: ours.cookie, 'x-ollmchat': '1', 'content-type': 'application/json' },
    body: JSON.stringify({ requestId, conversationId: ours.conversationId, text: QUESTION }),
  })
  return (await response.json()) as { ok: boolean; value?: { assistantMessage: { content: string } } }
}

/** Resolves with the time the window received the first `chat:delta` with text for `requestId`. */
function firstDelta(window: SseClient, requestId: string, stopwatch: ReturnType<typeof startStopwatch>): Promise<number> {
  let stop = () => {}
  const seen = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the window got no delta')), TIMEOUT_MS)
    const unsubscribe = window.onMessage((message) => {
      if (message.event !== 'chat:delta') return
      const delta = JSON.parse(message.data) as { requestId: string; content: string }
      if (delta.requestId === requestId && delta.content.length > 0) resolve(stopwatch.wallMs())
    })
    stop = () => {
      clearTimeout(timer)
      unsubscribe()
    }
  })
  return seen.finally(() => stop())
}

/** Ours: a warm turn in the same conversation; timed from the window's send to its first token and to the saved reply. */
function oursTurn(ours: Ours) {
  return async (): Promise<Sample<Metric>> => {
    const { sim } = ours.harness
    const requestId = `bench-${++ours.turns}`
    const before = sim.requests.length
    let requestsAtFirstToken = Number.NaN
    const stopwatch = startStopwatch()
    const first = firstDelta(ours.window, requestId, stopwatch).then((ms) => {
      requestsAtFirstToken = sim.requests.length - before
      return ms
    })
    const result = await postChatSend(ours, requestId)
    const turnMs = stopwatch.wallMs()
    const firstTokenMs = await first
    if (!result.ok || result.value?.assistantMessage.content !== REPLY) throw new Error(`chat:send gave ${JSON.stringify(result).slice(0, 200)}`)
    return { firstTokenMs, turnMs, requestsBeforeFirstToken: requestsAtFirstToken, requestsPerTurn: sim.requests.length - before }
  }
}

/** Baseline: the bare `ollama` client streaming the same chat from the same simulator to the same model. */
function baselineTurn(ours: Ours, client: Ollama) {
  return async (): Promise<Sample<Metric>> => {
    const { sim } = ours.harness
    const before = sim.requests.length
    let firstTokenMs = Number.NaN
    let requestsBeforeFirstToken = Number.NaN
    let text = ''
    const chat = lastChat(ours.harness)
    const stopwatch = startStopwatch()
    const stream = await client.chat({ ...chat, stream: true })
    for await (const chunk of stream) {
      if (Number.isNaN(firstTokenMs) && chunk.message.content.length > 0) {
        firstTokenMs = stopwatch.wallMs()
        requestsBeforeFirstToken = sim.requests.length - before
      }
      text += chunk.message.content
      if (chunk.done) break
    }
    const turnMs = stopwatch.wallMs()
    if (text !== REPLY) throw new Error(`unexpected reply: ${JSON.stringify(text.slice(0, 80))}`)
    return { firstTokenMs, turnMs, requestsBeforeFirstToken, requestsPerTurn: sim.requests.length - before }
  }
}

type ChatBody = { model: string; messages: { role: string; content: string }[] }

/** What ours last sent to `/api/chat` (the temporary model with num_ctx, the conversation so far): the baseline sends the same. */
const lastChat = (harness: CoreHarness): ChatBody => {
  const body = harness.sim.requestsTo('/api/chat').at(-1)?.body as Partial<ChatBody> | undefined
  if (body?.model === undefined || body.messages === undefined) throw new Error('ours has not chatted yet')
  return { model: body.model, messages: body.messages }
}

async function run(options: BenchOptions): Promise<void> {
  const rounds = roundsFor(options, 40, 8)
  printHeader({
    title: 'Warm chat turn: from send to the first token in the window, and the whole turn',
    ours: `the real core behind the browser-mode server: POST /rpc/chat:send from a window, first chat:delta on its SSE stream (deltaIntervalMs ${DEFAULT_TIMING.deltaIntervalMs}, leading edge), turn until chat:send answers (reply saved)`,
    baseline: 'the bare `ollama` npm client streaming the same chat (the model and messages ours last sent) from the same simulator: first chunk with text, turn until the done chunk',
    setup: [
      `one Ollama simulator on a real socket shared by both sides; ${BASE} at num_ctx ${NUM_CTX} (a temporary model, already created), a ${REPLY.split(' ').length}-token reply, ${TOKEN_DELAY_MS} ms per token`,
      `ours: a warm conversation (every turn appends to it); ${rounds} turns per side; requests are those the simulator recorded`,
      'targets: first token ≤ 1.2× baseline + 5 ms, whole turn ≤ 1.05×, 1 request before the first token',
    ],
  })
  const ours = await startOurs()
  const client = new Ollama({ host: ours.harness.sim.url })
  try {
    const comparison = await compareInterleaved({
      metrics: METRICS,
      rounds,
      // Round 0 runs ours first: it creates the temporary model, whose name and messages the baseline then reuses.
      warmupRounds: 2,
      ours: oursTurn(ours),
      baseline: baselineTurn(ours, client),
      onRound: (round) => progress(`round ${round}/${rounds}`),
    })
    const specs: MetricSpec<Metric>[] = [
      { key: 'requestsBeforeFirstToken', label: 'requests to Ollama before the first token' },
      { key: 'requestsPerTurn', label: 'requests to Ollama per turn' },
      { key: 'firstTokenMs', label: 'send → first token in the window (ms)' },
      { key: 'turnMs', label: 'send → whole turn (ms)' },
    ]
    process.stdout.write(`${renderTable(COMPARISON_HEADERS, comparisonRows(comparison, specs))}\n`)
  } finally {
    await stopOurs(ours)
  }
}

/** First token and whole turn of a warm chat through the real core and window, against the bare `ollama` client. */
export const warmChatOverhead: Benchmark = { name: 'warm-chat-overhead', run }

if (isMainModule(import.meta.url)) await runStandalone(warmChatOverhead)
