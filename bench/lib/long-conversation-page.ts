import type { CDPSession, Page } from '@playwright/test'
import { quantile } from './stats'
import type { PageProbes } from './page-probes'
import type { TokenStamp } from './stamping-proxy'

/** What opening one conversation cost in the page. */
export interface OpenSample {
  /** Click on the conversation until the first frame after its newest message is on screen (ms). */
  paintMs: number
  /**
   * From the end of the first response with the conversation's messages (`conversations:get`: its newest ones; Resource
   * Timing) until painted: the page's own share of `paintMs`.
   */
  arrivalToPaintMs: number
  /** Click until every message's text is in the page (the runs of placeholders filled in while idle): find-in-page finds anything from then on. */
  filledMs: number
  domElements: number
  /** Messages rendered in full (Markdown, actions): the window around the screen. */
  fullRows: number
  /** Messages in the page as one plain-text placeholder each (for find-in-page and screen readers). */
  placeholderRows: number
  /** V8 heap in use after a forced garbage collection (MB). */
  heapMb: number
  /** Longest task from the click until the runs were filled. */
  openLongestTaskMs: number
}

/** What streaming one reply into the open conversation cost. */
export interface StreamSample {
  tasksOver50: number
  longestTaskMs: number
  lagP95Ms: number
  lagMaxMs: number
  tokensPerSecond: number
}

/** A reply sent the moment the page began filling the conversation's runs, streamed while it fills them. */
export interface EarlySendSample extends StreamSample {
  /** `__unfilled()` just after the message went out: above 0, the reply streamed while the page was still filling. */
  unfilledAtSend: number
  /** Click until the message was sent (ms). */
  sentAfterMs: number
}

const longTasksSince = (probes: PageProbes, since: number) => probes.longTasks.filter((task) => task.start >= since)

/** Opens the conversation titled `title` from the sidebar and measures it (the page is at the app's start). */
export async function openAndMeasure(
  page: Page,
  cdp: CDPSession,
  title: string,
  lastMessageId: string,
): Promise<OpenSample> {
  const since = await page.evaluate(() => performance.now())
  const { paintMs, arrivalToPaintMs, filledMs } = await page.evaluate(
    async ({ title, lastMessageId }) => {
      const start = window.__openConversation(title)
      const shown = await window.__timeUntilShown(lastMessageId)
      const loaded = performance
        .getEntriesByType('resource')
        .find(
          (entry): entry is PerformanceResourceTiming =>
            entry.name.endsWith('/rpc/conversations:get') && entry.startTime >= start,
        )
      return {
        paintMs: shown - start,
        arrivalToPaintMs: loaded ? shown - loaded.responseEnd : Number.NaN,
        filledMs: (await window.__timeUntilFilled()) - start,
      }
    },
    { title, lastMessageId },
  )
  await cdp.send('HeapProfiler.collectGarbage')
  const { metrics } = await cdp.send('Performance.getMetrics')
  const metric = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? Number.NaN
  const probes = await page.evaluate(() => window.__probes)
  const tasks = longTasksSince(probes, since)
  const dom = await page.evaluate(() => ({
    domElements: document.getElementsByTagName('*').length,
    fullRows: document.querySelectorAll('li[data-message-id]').length,
    placeholderRows: document.querySelectorAll('li[data-placeholder-id]').length,
  }))
  return {
    paintMs,
    arrivalToPaintMs,
    filledMs,
    ...dom,
    heapMb: metric('JSHeapUsedSize') / 1024 / 1024,
    openLongestTaskMs: Math.max(0, ...tasks.map((task) => task.duration)),
  }
}

/**
 * Sends a message in the open conversation and waits for the reply to end. Lag per token: when the DOM first showed
 * at least as much reply text as had been sent with that token, minus when the proxy passed the token on.
 */
export async function streamAndMeasure(page: Page, stamps: TokenStamp[], text: string): Promise<StreamSample> {
  await page.evaluate(() => window.__watchStreamingText())
  const since = await send(page, text)
  return awaitReply(page, stamps, since)
}

/**
 * Opens the conversation titled `title` and sends a message the moment its older messages are in and the page has
 * begun filling their runs of placeholders (written in idle moments): the long tasks and lag of the reply then
 * include whatever that filling costs while it streams. Typed by a script in the page, so it goes out before the
 * filling could end.
 */
export async function openAndSendAtOnce(
  page: Page,
  stamps: TokenStamp[],
  title: string,
  lastMessageId: string,
  text: string,
): Promise<EarlySendSample> {
  const { start, since, unfilledAtSend } = await page.evaluate(
    async ({ title, lastMessageId, text }) => {
      const start = window.__openConversation(title)
      await window.__timeUntilShown(lastMessageId)
      await window.__whenFilling()
      window.__watchStreamingText()
      const since = await window.__typeAndSend(text)
      return { start, since, unfilledAtSend: window.__unfilled() }
    },
    { title, lastMessageId, text },
  )
  const stream = await awaitReply(page, stamps, since)
  return { ...stream, unfilledAtSend, sentAfterMs: since - start }
}

/**
 * Types the message and presses Enter (key events from the browser's input pipeline); returns the page's time just
 * before Enter, from which the reply's long tasks count. The composer is focused by a CSS selector, not found by a
 * locator: a role query walks the accessibility of the whole page, thousands of placeholders here, in long tasks of
 * its own that would be counted against the reply.
 */
async function send(page: Page, text: string): Promise<number> {
  await page.focus('textarea[aria-label="Message"]')
  await page.keyboard.insertText(text)
  const since = await page.evaluate(() => performance.now())
  await page.keyboard.press('Enter')
  return since
}

/** Waits for the reply to start and end, then reads the page's probes for it (tasks from `since` on). */
async function awaitReply(page: Page, stamps: TokenStamp[], since: number): Promise<StreamSample> {
  // A plain query, polled rarely: Playwright's role queries would walk the whole list's accessibility every few
  // milliseconds and show up as long tasks of their own.
  // A turn that fails shows an alert instead of a streaming reply: said at once, rather than after the whole timeout.
  const started = await page.waitForFunction(
    () => {
      if (document.querySelector('li[aria-busy="true"]') !== null) return 'streaming'
      const alert = document.querySelector('[role="alert"]')
      return alert === null ? false : (alert.textContent ?? 'an alert without text')
    },
    undefined,
    { polling: 250, timeout: 60_000 },
  )
  const state = await started.jsonValue()
  if (state !== 'streaming') throw new Error(`the reply did not stream; the page says: ${String(state)}`)
  await page.waitForFunction(() => document.querySelector('li[aria-busy="true"]') === null, undefined, {
    polling: 250,
    timeout: 120_000,
  })
  const probes = await page.evaluate(() => window.__probes)
  const lags: number[] = []
  let seen = 0
  for (const stamp of stamps) {
    while (seen < probes.textSeen.length && (probes.textSeen[seen]?.chars ?? 0) < stamp.chars) seen++
    const shown = probes.textSeen[seen]
    // The last tokens may first appear in the final reply (no longer `aria-busy`): not counted as streamed text.
    if (shown) lags.push(Math.max(0, shown.at - stamp.at))
  }
  if (lags.length < stamps.length * 0.9)
    throw new Error(`only ${lags.length} of ${stamps.length} tokens were seen streaming`)
  const tasks = longTasksSince(probes, since)
  const first = stamps[0]
  const last = stamps.at(-1)
  return {
    tasksOver50: tasks.length,
    longestTaskMs: Math.max(0, ...tasks.map((task) => task.duration)),
    lagP95Ms: quantile(lags, 0.95),
    lagMaxMs: Math.max(...lags),
    tokensPerSecond:
      first && last && last.at > first.at ? ((stamps.length - 1) / (last.at - first.at)) * 1000 : Number.NaN,
  }
}
