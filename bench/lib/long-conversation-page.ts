import type { CDPSession, Page } from '@playwright/test'
import { quantile } from './stats'
import type { PageProbes } from './page-probes'
import type { TokenStamp } from './stamping-proxy'

/** What opening one conversation cost in the page. */
export interface OpenSample {
  /** Click on the conversation until the first frame after its newest message is on screen (ms). */
  paintMs: number
  /**
   * From the end of the first response with the conversation's messages (`chats:get`: its newest ones; Resource
   * Timing) until painted: the page's own share of `paintMs`.
   */
  arrivalToPaintMs: number
  /** Click until every message's text is in the page (the runs of placeholders filled in while idle): find-in-page finds anything from then on. */
  filledMs: number
  domElements: number
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

const longTasksSince = (probes: PageProbes, since: number) => probes.longTasks.filter((task) => task.start >= since)

/** Opens the conversation titled `title` from the sidebar and measures it (the page is at the app's start). */
export async function openAndMeasure(page: Page, cdp: CDPSession, title: string, lastMessageId: string): Promise<OpenSample> {
  const since = await page.evaluate(() => performance.now())
  const { paintMs, arrivalToPaintMs, filledMs } = await page.evaluate(
    async ({ title, lastMessageId }) => {
      const button = [...document.querySelectorAll<HTMLButtonElement>('nav[aria-label="Conversations"] button')].find((b) => b.textContent === title)
      if (!button) throw new Error(`no conversation titled ${title} in the sidebar`)
      const start = performance.now()
      button.click()
      const shown = await window.__timeUntilShown(lastMessageId)
      const loaded = performance
        .getEntriesByType('resource')
        .find((entry): entry is PerformanceResourceTiming => entry.name.endsWith('/rpc/chats:get') && entry.startTime >= start)
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
  return {
    paintMs,
    arrivalToPaintMs,
    filledMs,
    domElements: await page.evaluate(() => document.getElementsByTagName('*').length),
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
  const since = await page.evaluate(() => performance.now())
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill(text)
  await box.press('Enter')
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
  await page.waitForFunction(() => document.querySelector('li[aria-busy="true"]') === null, undefined, { polling: 250, timeout: 120_000 })
  const probes = await page.evaluate(() => window.__probes)
  const lags: number[] = []
  let seen = 0
  for (const stamp of stamps) {
    while (seen < probes.textSeen.length && (probes.textSeen[seen]?.chars ?? 0) < stamp.chars) seen++
    const shown = probes.textSeen[seen]
    // The last tokens may first appear in the final reply (no longer `aria-busy`): not counted as streamed text.
    if (shown) lags.push(Math.max(0, shown.at - stamp.at))
  }
  if (lags.length < stamps.length * 0.9) throw new Error(`only ${lags.length} of ${stamps.length} tokens were seen streaming`)
  const tasks = longTasksSince(probes, since)
  const first = stamps[0]
  const last = stamps.at(-1)
  return {
    tasksOver50: tasks.length,
    longestTaskMs: Math.max(0, ...tasks.map((task) => task.duration)),
    lagP95Ms: quantile(lags, 0.95),
    lagMaxMs: Math.max(...lags),
    tokensPerSecond: first && last && last.at > first.at ? ((stamps.length - 1) / (last.at - first.at)) * 1000 : Number.NaN,
  }
}
