import { join } from 'node:path'
import { expect, test } from '../fixtures/app'
import {
  conversationList,
  goToPage,
  lastReply,
  messageRegion,
  sendMessage,
  startNewChat,
  waitForReplyEnd,
} from '../fixtures/chat-page'
import { seedLongConversations } from '../fixtures/long-conversation-seed'
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from '../../src-shared/content-security-policy'

// The page's Content-Security-Policy has no 'unsafe-inline' for styles (docs/security.md): this walks the parts of
// the app that style elements at run time (KaTeX's sized boxes, progress and context bars, the long list's
// placeholders written as HTML) and fails on any violation Chromium reports, as well as on a policy that allows
// inline styles again.
const TITLE = 'A long conversation'

test.use({
  beforeAppStart: {
    seed: (dataDir) => void seedLongConversations(join(dataDir, 'history.sqlite'), [{ title: TITLE, messages: 600 }]),
  },
  simOptions: {
    models: ['llama3'],
    tokenDelayMs: 1,
    reply:
      'A formula: $$\\frac{a^2}{\\sqrt{b}} = \\sum_{i=1}^{n} x_i$$ and inline $e^{i\\pi}$, with `code` and **bold**.',
  },
})

interface Violation {
  directive: string
  blocked: string
  /** The element whose style was refused (its start), or the file that asked. */
  where: string
}

test('the app renders under a CSP without inline styles, and Chromium reports no violation', async ({ app }) => {
  const { page } = app
  await page.addInitScript(() => {
    const seen: Violation[] = []
    Reflect.set(window, '__cspViolations', seen)
    document.addEventListener('securitypolicyviolation', (event) => {
      const where = event.target instanceof Element ? event.target.outerHTML.slice(0, 160) : event.sourceFile
      seen.push({ directive: event.effectiveDirective, blocked: event.blockedURI, where })
    })
  })
  await page.reload()
  const violations = () => page.evaluate(() => Reflect.get(window, '__cspViolations') as Violation[])

  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
  expect(policy, 'the page carries its policy').toContain("style-src 'self'")
  expect(policy, 'no inline styles in the page policy').not.toContain('unsafe-inline')
  // The build's meta tag and the server's header are the one policy (src-shared), without the dev server's relaxation.
  expect(policy, 'the built page carries the shipped policy').toBe(contentSecurityPolicy({ delivery: 'meta' }))
  const response = await page.request.get(page.url())
  expect(response.headers()['content-security-policy'], 'no inline styles in the header policy').not.toContain(
    'unsafe-inline',
  )
  expect(response.headers()['content-security-policy'], 'the header is the shipped policy').toBe(
    CONTENT_SECURITY_POLICY,
  )

  // A long conversation: its off-screen messages are placeholders of a computed height, written as HTML.
  await conversationList(page).getByRole('button', { name: TITLE }).click()
  const placeholders = messageRegion(page).locator('li.msg-placeholder')
  await expect(placeholders.first(), 'the off-screen runs are filled with placeholders').toBeAttached({
    timeout: 20_000,
  })
  const height = await placeholders.first().evaluate((element) => (element as HTMLElement).style.height)
  expect(height, 'a placeholder is given the height of the row it stands for').toMatch(/^\d+(\.\d+)?px$/)

  // A reply with formulas (KaTeX sizes its boxes with style attributes) and code.
  await startNewChat(page)
  await sendMessage(page, 'Show me a formula')
  await waitForReplyEnd(page)
  await expect(lastReply(page).locator('.katex').first()).toBeVisible()
  const fraction = lastReply(page).locator('.katex .vlist').first()
  expect(
    await fraction.evaluate((element) => (element as HTMLElement).style.height),
    'KaTeX kept its inline sizes',
  ).not.toBe('')

  await goToPage(page, 'Models')
  await goToPage(page, 'Settings')
  await goToPage(page, 'Chats')
  expect(await violations(), 'CSP violations reported by Chromium').toEqual([])
})
