import { chromium, type Browser } from '@playwright/test'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { seedLongConversations } from '../e2e/fixtures/long-conversation-seed'
import { chromiumArgs } from '../playwright.config'
import { runBrowserMode, type BrowserMode } from '../src-main/browser/run-browser-mode'
import { silentLogger } from '../src-main/core/log'
import { unwrap } from '../src-main/test-support/core-harness'
import { startOllamaSim } from '../src-main/test-support/ollama-sim'
import { isMainModule, progress, roundsFor, runStandalone, type Benchmark, type BenchOptions } from './lib/cli'
import { openAndMeasure, streamAndMeasure, type OpenSample, type StreamSample } from './lib/long-conversation-page'
import { probesScript } from './lib/page-probes'
import { formatNumber, printHeader, renderTable } from './lib/report'
import { startStampingProxy, type StampingProxy } from './lib/stamping-proxy'
import { pairedRatios, spreadOf } from './lib/stats'

// BENCH_RENDERER_DIR: another build of the renderer (e.g. one made with `vite build --outDir`), to compare two builds.
const RENDERER_DIR = process.env.BENCH_RENDERER_DIR ?? join(process.cwd(), 'out', 'renderer')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
// setTimeout(1) between tokens: at least 500 tokens/s here (Node's timers overshoot; the table reports the rate).
const TOKEN_DELAY_MS = 1

type Sample = OpenSample & StreamSample
type Metric = keyof Sample

const ROWS: Array<{ key: Metric; label: string }> = [
  { key: 'paintMs', label: 'open: click until the newest message is painted (ms)' },
  { key: 'arrivalToPaintMs', label: 'open: messages arrived until painted (ms)' },
  { key: 'filledMs', label: 'open: click until every message is in the page (ms)' },
  { key: 'domElements', label: 'open, filled: DOM elements' },
  { key: 'heapMb', label: 'open, filled: JS heap after GC (MB)' },
  { key: 'openLongestTaskMs', label: 'open: longest task until filled (ms)' },
  { key: 'tokensPerSecond', label: 'stream: tokens/s sent by Ollama (measured)' },
  { key: 'tasksOver50', label: 'stream: tasks over 50 ms per reply' },
  { key: 'longestTaskMs', label: 'stream: longest task (ms)' },
  { key: 'lagP95Ms', label: 'stream: screen behind the stream, p95 (ms)' },
  { key: 'lagMaxMs', label: 'stream: screen behind the stream, max (ms)' },
]

/**
 * Plain words in paragraphs of 40, as a model writes them (a paragraph starts at the line's start: one starting
 * with a space would continue the paragraph before it). Markdown shows them unchanged, so the DOM's text can be
 * counted against the stream.
 */
function streamedReply(tokens: number): string {
  const words = ['river', 'stone', 'lantern', 'meadow', 'harbour', 'thistle', 'orchard', 'falcon', 'copper', 'willow']
  const paragraphs: string[] = []
  for (let length = 0, i = 0; length < tokens * 6; i += 40) {
    const paragraph = Array.from({ length: 40 }, (_, offset) => words[(i + offset) % words.length] ?? 'word').join(' ')
    paragraphs.push(paragraph)
    length += paragraph.length + 2
  }
  return paragraphs.join('\n\n')
}

interface Setup {
  mode: BrowserMode
  proxy: StampingProxy
  browser: Browser
  conversations: Array<{ size: number; title: string; id: string }>
}

async function measureOnce(setup: Setup, conversation: Setup['conversations'][number], round: number): Promise<Sample> {
  const { mode, proxy, browser } = setup
  // Start each open from the sidebar, not with the last conversation reopened at boot.
  unwrap(await mode.core.dispatch('settings:update', { lastConversationId: null }))
  const { messages } = unwrap(await mode.core.dispatch('chats:get', { conversationId: conversation.id }))
  const lastId = messages.at(-1)?.id ?? ''
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  try {
    const page = await context.newPage()
    await page.addInitScript({ content: probesScript() })
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable')
    await page.goto(mode.server.url)
    await page.waitForSelector('nav[aria-label="Conversations"] button')
    const open = await openAndMeasure(page, cdp, conversation.title, lastId)
    proxy.reset()
    const stream = await streamAndMeasure(page, proxy.stamps, `Round ${round}: and then?`)
    return { ...open, ...stream }
  } finally {
    await context.close()
  }
}

async function start(sizes: readonly number[], replyTokens: number): Promise<Setup & { dataDir: string; close(): Promise<void> }> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('no built renderer in out/renderer: run `npx vite build` first')
  const dataDir = mkdtempSync(join(tmpdir(), 'ollmchat-bench-long-'))
  const specs = sizes.map((size) => ({ title: `Conversation of ${size} messages`, messages: size }))
  progress(`seeding ${sizes.join(', ')}-message conversations`)
  const ids = seedLongConversations(join(dataDir, 'history.sqlite'), specs)
  const sim = await startOllamaSim({ models: ['llama3'], tokenDelayMs: TOKEN_DELAY_MS, reply: streamedReply(replyTokens) })
  const proxy = await startStampingProxy(sim.url)
  const mode = await runBrowserMode({ dataDir, rendererDir: RENDERER_DIR, version: 'bench', log: silentLogger, env: { OLLAMA_HOST: proxy.url } })
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs })
  return {
    dataDir,
    mode,
    proxy,
    browser,
    conversations: sizes.map((size, index) => ({ size, title: specs[index]?.title ?? '', id: ids[index] ?? '' })),
    async close() {
      await browser.close()
      await mode.close()
      await proxy.close()
      await sim.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

async function run(options: BenchOptions): Promise<void> {
  const sizes = options.quick ? [10, 5_000] : [10, 1_000, 5_000]
  const rounds = roundsFor(options, 5, 2)
  const replyTokens = options.quick ? 300 : 1_500
  printHeader({
    title: 'Long conversations: opening one, and streaming a reply into it, in Chromium',
    ours: `the built renderer (out/renderer) over the real browser-mode server and core, in ${CHROMIUM}`,
    baseline: `the same app opening a ${sizes[0]}-message conversation: opening ${sizes.at(-1)?.toLocaleString('en')} should cost about the same`,
    setup: [
      `conversations of ${sizes.map((size) => size.toLocaleString('en')).join(' / ')} messages (Markdown replies) seeded into the history file`,
      'open: click in the sidebar until the first animation frame after the newest message is on screen; a fresh page each time',
      `stream: a ${replyTokens}-token reply at simulator tokenDelay ${TOKEN_DELAY_MS} ms; a proxy between core and simulator stamps`,
      '          each chunk as it passes; lag = when the DOM first shows that much text (MutationObserver) − that stamp',
      `${rounds} rounds (+1 warm-up), sizes in alternating order; tasks from PerformanceObserver('longtask')`,
    ],
  })
  const setup = await start(sizes, replyTokens)
  const samples = new Map<number, Sample[]>(sizes.map((size) => [size, []]))
  try {
    for (let round = 0; round <= rounds; round++) {
      const order = round % 2 === 0 ? setup.conversations : [...setup.conversations].reverse()
      for (const conversation of order) {
        const sample = await measureOnce(setup, conversation, round)
        if (round > 0) samples.get(conversation.size)?.push(sample)
      }
      if (round > 0) progress(`round ${round}/${rounds}`)
    }
  } finally {
    await setup.close()
  }
  printTables(sizes, samples)
}

function printTables(sizes: readonly number[], samples: Map<number, Sample[]>): void {
  const column = (size: number, key: Metric) => (samples.get(size) ?? []).map((sample) => sample[key])
  const cell = (values: number[]) => {
    const spread = spreadOf(values)
    return spread.min === spread.max ? formatNumber(spread.median) : `${formatNumber(spread.median)} (${formatNumber(spread.min)}–${formatNumber(spread.max)})`
  }
  const peer = sizes[0] ?? 10
  const largest = sizes.at(-1) ?? peer
  const headers = ['metric', ...sizes.map((size) => `${size.toLocaleString('en')} messages`), `${largest.toLocaleString('en')} / ${peer}`]
  const rows = ROWS.map(({ key, label }) => {
    const ratio = spreadOf(pairedRatios(column(largest, key), column(peer, key)))
    const ratioText = Number.isFinite(ratio.median) ? `${formatNumber(ratio.median)}× (${formatNumber(ratio.min)}–${formatNumber(ratio.max)}×)` : '–'
    return [label, ...sizes.map((size) => cell(column(size, key))), ratioText]
  })
  process.stdout.write(`${renderTable(headers, rows)}\n\n`)
  const largestSamples = samples.get(largest) ?? []
  const medianOf = (key: Metric) => spreadOf(largestSamples.map((sample) => sample[key])).median
  const verdict = (met: boolean) => (met ? 'met' : 'MISSED')
  const n = largest.toLocaleString('en')
  const targets = [
    [`opening ${n} messages paints in under 200 ms (median)`, `${formatNumber(medianOf('paintMs'))} ms`, verdict(medianOf('paintMs') < 200)],
    [`streaming into ${n}: no task over 50 ms (every round)`, `${largestSamples.map((s) => s.tasksOver50).join(', ')} per round`, verdict(largestSamples.every((s) => s.tasksOver50 === 0))],
    [`streaming into ${n}: screen within 50 ms of the stream at p95 (median round)`, `${formatNumber(medianOf('lagP95Ms'))} ms`, verdict(medianOf('lagP95Ms') <= 50)],
  ]
  process.stdout.write(`${renderTable(['target', 'measured', 'verdict'], targets)}\n`)
}

/** Opening 10 / 1,000 / 5,000-message conversations in Chromium and streaming a reply into each. */
export const longConversation: Benchmark = { name: 'long-conversation', run }

if (isMainModule(import.meta.url)) await runStandalone(longConversation)
