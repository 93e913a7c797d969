import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { seedLongConversations } from '../e2e/fixtures/long-conversation-seed'
import { chromiumArgs } from '../playwright.config'
import { runBrowserMode, type BrowserMode } from '../src-main/browser/run-browser-mode'
import { silentLogger } from '../src-main/core/log'
import { unwrap } from '../src-main/test-support/core-harness'
import { startOllamaSim } from '../tools/ollama-sim/index'
import { isMainModule, progress, roundsFor, runStandalone, type Benchmark, type BenchOptions } from './lib/cli'
import { openAndMeasure, openAndSendAtOnce, streamAndMeasure, type EarlySendSample } from './lib/long-conversation-page'
import { printTables, TARGET_TOKENS_PER_SECOND, type Sample } from './lib/long-conversation-report'
import { probesScript } from './lib/page-probes'
import { printHeader } from './lib/report'
import { startStampingProxy, type StampingProxy } from './lib/stamping-proxy'

// BENCH_RENDERER_DIR: another build of the renderer (e.g. one made with `vite build --outDir`), to compare two builds.
const RENDERER_DIR = process.env.BENCH_RENDERER_DIR ?? join(process.cwd(), 'out', 'renderer')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
// setTimeout(1) between tokens: at least 500 tokens/s here (Node's timers overshoot; the table reports the rate).
const TOKEN_DELAY_MS = 1

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

/** One seeded conversation: measured once, in one round, then never opened again. */
interface Seeded {
  size: number
  round: number
  /** Sent to the moment the page begins filling its runs (see `openAndSendAtOnce`). */
  sentAtOnce: boolean
  title: string
  id: string
  lastMessageId: string
}

interface Setup {
  mode: BrowserMode
  proxy: StampingProxy
  browser: Browser
  conversations: Seeded[]
}

/** A fresh page at the app's start, with the probes installed; closed after `measure`. */
async function inFreshPage<T>(
  setup: Setup,
  conversation: Seeded,
  measure: (page: Page, cdp: CDPSession) => Promise<T>,
): Promise<T> {
  // Start each open from the sidebar, not with the last conversation reopened at boot.
  unwrap(await setup.mode.core.dispatch('settings:update', { lastConversationId: null }))
  const context = await setup.browser.newContext({ viewport: { width: 1280, height: 800 } })
  try {
    const page = await context.newPage()
    await page.addInitScript({ content: probesScript() })
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable')
    await page.goto(setup.mode.server.url)
    await page.waitForSelector('nav[aria-label="Conversations"] button')
    setup.proxy.reset()
    return await measure(page, cdp)
  } catch (error) {
    // Which of the many seeded conversations, and in which round: a failed reply is otherwise hard to place.
    const which = `${conversation.title}, round ${conversation.round}`
    throw error instanceof Error ? new Error(`${which}: ${error.message}`, { cause: error }) : error
  } finally {
    await context.close()
  }
}

async function measureOnce(setup: Setup, conversation: Seeded): Promise<Sample> {
  return inFreshPage(setup, conversation, async (page, cdp) => {
    const open = await openAndMeasure(page, cdp, conversation.title, conversation.lastMessageId)
    setup.proxy.reset()
    const stream = await streamAndMeasure(page, setup.proxy.stamps, ROUND_MESSAGE)
    return { ...open, ...stream }
  })
}

async function measureSentAtOnce(setup: Setup, conversation: Seeded): Promise<EarlySendSample> {
  return inFreshPage(setup, conversation, (page) =>
    openAndSendAtOnce(page, setup.proxy.stamps, conversation.title, conversation.lastMessageId, ROUND_MESSAGE),
  )
}

// The same message every round, so every round sends Ollama the same prompt (see `seedConversations`).
const ROUND_MESSAGE = 'And then?'

/**
 * Seeds one conversation per size, round and case. Every round streams into a conversation of its own, so every
 * round sends Ollama the same prompt: a conversation used again would carry the earlier rounds' replies (1,500
 * tokens each) into the next prompt, and the 10-message baseline would no longer be one of 10. Each is seeded alone,
 * so that the copies of one size hold the same messages (one call for all shares one random stream). Ollama keeps
 * the newest messages that fit the context and llama-server refuses a prompt that fills it to the token: with
 * rounds all alike, a conversation whose newest messages did that would fail in the warm-up round, and the
 * 5,000-message one seeded after the others did (4,096 tokens in llama3's 4K), not one in a later round.
 */
function seedConversations(historyFile: string, sizes: readonly number[], rounds: number): Seeded[] {
  const largest = sizes.at(-1) ?? 0
  const cases = [...sizes.map((size) => ({ size, sentAtOnce: false })), { size: largest, sentAtOnce: true }]
  const seeded: Seeded[] = []
  for (let round = 0; round <= rounds; round++) {
    for (const { size, sentAtOnce } of cases) {
      const title = `Conversation of ${size} messages${sentAtOnce ? ', sent to while filling' : ''} (${round})`
      const [id = ''] = seedLongConversations(historyFile, [{ title, messages: size }])
      seeded.push({ size, round, sentAtOnce, title, id, lastMessageId: '' })
    }
  }
  return seeded
}

async function start(
  sizes: readonly number[],
  rounds: number,
  replyTokens: number,
): Promise<Setup & { close(): Promise<void> }> {
  if (!existsSync(join(RENDERER_DIR, 'index.html')))
    throw new Error('no built renderer in out/renderer: run `npx vite build` first')
  const dataDir = mkdtempSync(join(tmpdir(), 'ollmchat-bench-long-'))
  progress(
    `seeding ${sizes.join(', ')}-message conversations and one more of ${sizes.at(-1)}, for each of ${rounds + 1} rounds`,
  )
  const conversations = seedConversations(join(dataDir, 'history.sqlite'), sizes, rounds)
  const sim = await startOllamaSim({
    models: ['llama3'],
    tokenDelayMs: TOKEN_DELAY_MS,
    reply: streamedReply(replyTokens),
  })
  const proxy = await startStampingProxy(sim.url)
  const mode = await runBrowserMode({
    dataDir,
    rendererDir: RENDERER_DIR,
    version: 'bench',
    log: silentLogger,
    env: { OLLAMA_HOST: proxy.url },
  })
  for (const conversation of conversations) {
    const { messages } = unwrap(
      await mode.core.dispatch('conversations:get', { conversationId: conversation.id, limit: 1 }),
    )
    conversation.lastMessageId = messages.at(-1)?.id ?? ''
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs })
  return {
    mode,
    proxy,
    browser,
    conversations,
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
  // 1,000 in the quick run too: the memory verdict compares the largest conversation with it.
  const sizes = [10, 1_000, 5_000]
  const rounds = roundsFor(options, 5, 2)
  const replyTokens = options.quick ? 300 : 1_500
  const largest = sizes.at(-1) ?? 0
  printHeader({
    title: 'Long conversations: opening one, and streaming a reply into it, in Chromium',
    ours: `the built renderer (out/renderer) over the real browser-mode server and core, in ${CHROMIUM}`,
    baseline: `the same app opening a ${sizes[0]}-message conversation: opening ${largest.toLocaleString('en')} should cost about the same`,
    setup: [
      `conversations of ${sizes.map((size) => size.toLocaleString('en')).join(' / ')} messages (Markdown replies) seeded into the history file,`,
      '          a fresh one of each size per round (the same messages), so every round sends Ollama the same prompt',
      'open: click in the sidebar until the first animation frame after the newest message is on screen; a fresh page each time',
      `stream: a ${replyTokens}-token reply at simulator tokenDelay ${TOKEN_DELAY_MS} ms; a proxy between core and simulator stamps`,
      '          each chunk as it passes; lag = when the DOM first shows that much text (MutationObserver) − that stamp;',
      `          a round under ${TARGET_TOKENS_PER_SECOND} tokens/s does not count as meeting a streaming target`,
      `while filling: another ${largest.toLocaleString('en')}-message conversation, a message typed and sent by a script in the page`,
      '          in the first frame with its older messages in and its runs still empty (filled in idle moments)',
      `${rounds} rounds (+1 warm-up), cases in alternating order; tasks from PerformanceObserver('longtask')`,
    ],
  })
  const setup = await start(sizes, rounds, replyTokens)
  const samples = new Map<number, Sample[]>(sizes.map((size) => [size, []]))
  const early: EarlySendSample[] = []
  try {
    for (let round = 0; round <= rounds; round++) {
      const cases = setup.conversations.filter((conversation) => conversation.round === round)
      for (const conversation of round % 2 === 0 ? cases : cases.reverse()) {
        if (conversation.sentAtOnce) {
          const sample = await measureSentAtOnce(setup, conversation)
          if (round > 0) early.push(sample)
        } else {
          const sample = await measureOnce(setup, conversation)
          if (round > 0) samples.get(conversation.size)?.push(sample)
        }
      }
      if (round > 0) progress(`round ${round}/${rounds}`)
    }
  } finally {
    await setup.close()
  }
  printTables(sizes, samples, early)
}

/** Opening 10 / 1,000 / 5,000-message conversations in Chromium and streaming a reply into each. */
export const longConversation: Benchmark = { name: 'long-conversation', run }

if (isMainModule(import.meta.url)) await runStandalone(longConversation)
