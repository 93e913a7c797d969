import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { ReplyBuffer } from '../src-main/core/chat/reply-buffer'
import { DEFAULT_TIMING } from '../src-main/core/core-types'
import { openHistoryStore, type HistoryStore, type MessagePatch } from '../src-main/core/history/history-store'
import { OllamaClient } from '../src-main/core/index'
import { silentLogger } from '../src-main/core/log'
import { startOllamaSim } from '../tools/ollama-sim/index'
import { startStopwatch } from './lib/clock'
import { isMainModule, progress, roundsFor, runStandalone, type Benchmark, type BenchOptions } from './lib/cli'
import { compareInterleaved, type Sample } from './lib/compare'
import { comparisonRows, COMPARISON_HEADERS, printHeader, renderTable, type MetricSpec } from './lib/report'
import { longReply } from './lib/text'

const BASE = 'llama3'

type Metric = 'updates' | 'rewrittenMb' | 'storeMs' | 'turnMs' | 'cpuMs'
const METRICS: readonly Metric[] = ['updates', 'rewrittenMb', 'storeMs', 'turnMs', 'cpuMs']

/** A history file whose `updateMessage` is counted and timed; everything else is the real store. */
interface CountedStore {
  store: HistoryStore
  counters: { updates: number; rewrittenChars: number; storeMs: number }
  close(): void
}

function openCountedStore(): CountedStore {
  const dir = mkdtempSync(join(tmpdir(), 'ollmchat-bench-history-'))
  const real = openHistoryStore({ file: join(dir, 'history.sqlite') })
  const counters = { updates: 0, rewrittenChars: 0, storeMs: 0 }
  const store: HistoryStore = {
    ...real,
    updateMessage(id: string, patch: MessagePatch) {
      const start = performance.now()
      const saved = real.updateMessage(id, patch)
      counters.storeMs += performance.now() - start
      counters.updates++
      counters.rewrittenChars += patch.content?.length ?? 0
      return saved
    },
  }
  return {
    store,
    counters,
    close() {
      real.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * One reply saved the way the reply runner saves it: an empty `streaming` message, the tokens streamed from
 * Ollama into a `ReplyBuffer` whose checkpoints write the text so far, then the final write.
 */
function saveReply(client: OllamaClient, side: CountedStore, checkpointIntervalMs: number, reply: string) {
  return async (): Promise<Sample<Metric>> => {
    const { store, counters } = side
    const conversation = store.createConversation({ model: BASE })
    store.appendMessage({
      conversationId: conversation.id,
      role: 'user',
      content: 'Tell me a long story.',
      status: 'complete',
    })
    const before = { ...counters }
    const stopwatch = startStopwatch()
    const assistant = store.appendMessage({
      conversationId: conversation.id,
      role: 'assistant',
      content: '',
      status: 'streaming',
      model: BASE,
    })
    const buffer = new ReplyBuffer({
      deltaIntervalMs: DEFAULT_TIMING.deltaIntervalMs,
      checkpointIntervalMs,
      emitDelta: () => {},
      checkpoint: (content, thinking) => void store.updateMessage(assistant.id, { content, thinking }),
      log: silentLogger,
    })
    const messages = [{ role: 'user' as const, content: 'Tell me a long story.' }]
    for await (const chunk of client.chat({ model: BASE, messages })) {
      buffer.append(chunk.content, chunk.thinking)
      if (chunk.done) break
    }
    buffer.flush()
    const saved = store.updateMessage(assistant.id, {
      content: buffer.content,
      thinking: buffer.thinking,
      status: 'complete',
    })
    const turnMs = stopwatch.wallMs()
    const cpuMs = stopwatch.cpuMs()
    if (saved?.content !== reply) throw new Error('the saved reply is not the streamed reply')
    return {
      updates: counters.updates - before.updates,
      rewrittenMb: (counters.rewrittenChars - before.rewrittenChars) / 1e6,
      storeMs: counters.storeMs - before.storeMs,
      turnMs,
      cpuMs,
    }
  }
}

const SPECS: MetricSpec<Metric>[] = [
  { key: 'updates', label: 'UPDATEs per reply' },
  { key: 'rewrittenMb', label: 'text rewritten (MB)' },
  { key: 'storeMs', label: 'time in UPDATEs (ms)' },
  { key: 'turnMs', label: 'whole reply (ms)' },
  { key: 'cpuMs', label: 'process CPU per reply (ms)' },
]

async function comparePace(tokenDelayMs: number, label: string, reply: string, rounds: number): Promise<string[][]> {
  const sim = await startOllamaSim({ models: [BASE], reply, tokenDelayMs })
  const client = new OllamaClient({ host: sim.url })
  const ours = openCountedStore()
  const baseline = openCountedStore()
  try {
    const comparison = await compareInterleaved({
      metrics: METRICS,
      rounds,
      ours: saveReply(client, ours, DEFAULT_TIMING.checkpointIntervalMs, reply),
      baseline: saveReply(client, baseline, 0, reply),
      onRound: (round) => progress(`${label}: round ${round}/${rounds}`),
    })
    return comparisonRows(
      comparison,
      SPECS.map((spec) => ({ ...spec, label: `${label}: ${spec.label}` })),
    )
  } finally {
    ours.close()
    baseline.close()
    await client.close()
    await sim.close()
  }
}

async function run(options: BenchOptions): Promise<void> {
  const tokens = options.quick ? 1_000 : 5_000
  const rounds = roundsFor(options, 5, 3)
  const reply = longReply(tokens)
  printHeader({
    title: `Saving a streamed ${tokens.toLocaleString('en')}-token reply to the SQLite history`,
    ours: `ReplyBuffer checkpoints at most every ${DEFAULT_TIMING.checkpointIntervalMs} ms (checkpointIntervalMs), then one final write`,
    baseline:
      'checkpointIntervalMs 0: the message rewritten on every timer tick (every token when they arrive one by one)',
    setup: [
      'real HistoryStore on a SQLite file (WAL, full-text index kept up to date by triggers), tokens from the simulator over a socket',
      'burst: simulator tokenDelay 0; paced: tokenDelay 1 ms (about 1,000 tokens/s, one token per tick)',
      `${rounds} replies per side and pace, each in a new conversation; each side has its own file`,
    ],
  })
  const rows: string[][] = []
  rows.push(...(await comparePace(0, 'burst', reply, rounds)))
  rows.push(...(await comparePace(1, 'paced', reply, rounds)))
  process.stdout.write(`${renderTable(COMPARISON_HEADERS, rows)}\n`)
}

/** UPDATEs and time of saving a streamed reply with checkpoints against writing it on every token. */
export const historyCheckpoints: Benchmark = { name: 'history-checkpoints', run }

if (isMainModule(import.meta.url)) await runStandalone(historyCheckpoints)
