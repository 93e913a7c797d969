// axe-core's WCAG 2 A and AA rules on the chat view (a user message, a streamed reply with code, a notice, a failed
// reply, search results), the Models page and Settings, in light and dark, at 1280 and 800 px wide: zero violations.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures/app'
import { chat, goToPage, lastReply, messageRegion } from '../fixtures/chat-page'

const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

const REPLY_WITH_CODE = [
  'Here is a small function:',
  '```ts\n// Twice the input.\nexport function double(n: number): number {\n  return n * 2\n}\n```',
  'It returns **twice** its input.',
].join('\n\n')

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>

/** One line per failing element: rule, impact, what axe says about it and where it is, for a readable failure. */
function describeViolations(violations: AxeResults['violations']): string {
  return violations
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `${violation.id} (${violation.impact ?? 'unknown'}): ${node.failureSummary?.replace(/\s+/g, ' ') ?? violation.help}\n    at ${node.target.join(' ')}\n    ${node.html.slice(0, 160)}`,
      ),
    )
    .join('\n')
}

/** Runs axe on the page as it is, in both schemes and both widths; returns what failed, labelled. */
async function violationsEverywhere(page: Page, where: string): Promise<string[]> {
  const failures: string[] = []
  for (const width of [1280, 800]) {
    await page.setViewportSize({ width, height: 800 })
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' })
      const results = await new AxeBuilder({ page }).withTags(WCAG_AA_TAGS).analyze()
      if (results.violations.length > 0)
        failures.push(`${where}, ${colorScheme}, ${width} px:\n  ${describeViolations(results.violations)}`)
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' })
  return failures
}

test('the chat view, the Models page and Settings have no WCAG 2 A/AA violations, light and dark, at 1280 and 800 px', async ({
  app,
  sim,
}) => {
  test.setTimeout(90_000)
  const { page } = app
  // A context the user chose whose temporary model cannot be created: the reply falls back and a notice says so.
  await app.call('models:setNumCtx', { model: 'llama3:latest', numCtx: 4096 })
  await page.reload()
  sim.faults.failNext('/api/create', 500, 'no space left on device')
  sim.setReply(REPLY_WITH_CODE)
  await chat(page, 'Write a function that doubles a number.')
  await expect(messageRegion(page).getByText(/^Could not prepare llama3 with a 4K context/)).toBeVisible()
  await expect(lastReply(page).getByRole('button', { name: 'Copy code' })).toBeVisible()
  await expect(lastReply(page).locator('pre code.hljs').first()).toBeVisible()
  // And a reply that failed, with its retry action.
  sim.faults.errorLineAfter(2, 'model runner has unexpectedly stopped')
  await page.getByRole('textbox', { name: 'Message' }).fill('And triple it?')
  await page.getByRole('textbox', { name: 'Message' }).press('Enter')
  await expect(lastReply(page).getByRole('button', { name: /Retry|Try again/ })).toBeVisible()

  const failures = await violationsEverywhere(page, 'Chat')
  // Search results in the sidebar, with the matched words marked.
  const search = page.getByRole('searchbox', { name: 'Search all conversations' })
  await search.fill('function')
  await expect(page.getByRole('navigation', { name: 'Search results' }).locator('mark').first()).toBeVisible()
  failures.push(...(await violationsEverywhere(page, 'Chat with search results')))
  await search.fill('')
  await goToPage(page, 'Models')
  await expect(page.getByRole('listitem', { name: 'llama3:latest' })).toBeVisible()
  failures.push(...(await violationsEverywhere(page, 'Models')))
  await goToPage(page, 'Settings')
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  failures.push(...(await violationsEverywhere(page, 'Settings')))

  expect(failures, `axe found violations:\n${failures.join('\n\n')}`).toEqual([])
})
