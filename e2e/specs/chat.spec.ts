import { DEFAULT_MODELS, expect, test } from '../fixtures/app'
import { chat, composer, lastReply, messageRegion, replies, sendMessage, waitForReplyEnd } from '../fixtures/chat-page'
import { chatBodies, lastUserText } from '../fixtures/sim-helpers'

const MARKDOWN_REPLY = [
  '# Trip plan',
  '```python\nprint("hello from the code block")\n```',
  '| City | Days |\n| --- | --- |\n| Lisbon | 3 |\n| Porto | 2 |',
  'The area grows like $x^2$ when the side doubles.',
].join('\n\n')

/** Enough words after the Markdown that a streamed reply is visibly unfinished for a while. */
const filler = (count: number) => Array.from({ length: count }, (_, i) => `word${i}`).join(' ')

test.describe('a streamed reply', () => {
  // Slow enough to see the reply arrive in pieces; the filler keeps it short in absolute time.
  test.use({
    simOptions: { models: DEFAULT_MODELS, tokenDelayMs: 20 },
    permissions: ['clipboard-read', 'clipboard-write'],
  })

  test('appears progressively and renders Markdown: code block, table, math, copy buttons', async ({ app, sim }) => {
    const { page } = app
    sim.setReply(`${MARKDOWN_REPLY}\n\n${filler(40)}\n\nEND-OF-REPLY`)
    await sendMessage(page, 'Plan a trip to Portugal')

    // One read per sample, so "has the heading" and "is not finished" describe the same moment.
    await expect
      .poll(async () => {
        const text = await lastReply(page)
          .innerText()
          .catch(() => '')
        return text.includes('Trip plan') && !text.includes('END-OF-REPLY')
      })
      .toBe(true)
    await expect(page.getByRole('button', { name: 'Stop reply (Esc)' })).toBeVisible()
    await waitForReplyEnd(page)

    const reply = lastReply(page)
    await expect(reply.getByRole('heading', { name: 'Trip plan' })).toBeVisible()
    await expect(reply.getByText('print("hello from the code block")')).toBeVisible()
    await expect(reply.getByText('python', { exact: true })).toBeVisible()
    await expect(reply.getByRole('columnheader')).toHaveText(['City', 'Days'])
    await expect(reply.getByRole('cell')).toHaveText(['Lisbon', '3', 'Porto', '2'])
    await expect(reply.locator('.katex')).toHaveCount(1)
    await expect(reply.locator('annotation[encoding="application/x-tex"]')).toHaveText('x^2')
    await expect(reply.getByText('END-OF-REPLY')).toBeVisible()
    await expect(reply.getByRole('button', { name: 'Copy reply' })).toBeVisible()

    await reply.getByRole('button', { name: 'Copy code' }).click()
    await expect(reply.getByRole('button', { name: 'Copied' })).toBeVisible()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('print("hello from the code block")')

    const bodies = chatBodies(sim)
    expect(bodies).toHaveLength(1)
    expect(bodies[0]).toMatchObject({
      model: 'llama3:latest',
      messages: [{ role: 'user', content: 'Plan a trip to Portugal' }],
    })
    expect(bodies[0]?.options?.num_ctx).toBeUndefined()
  })

  test('Esc stops a reply; the partial text stays, marked stopped, also after a reload', async ({ app, sim }) => {
    const { page } = app
    sim.setReply(`Partial start. ${filler(600)} END-OF-REPLY`)
    await sendMessage(page, 'Tell me a very long story')
    await expect(lastReply(page)).toContainText('word10')
    await page.keyboard.press('Escape')

    const reply = lastReply(page)
    await expect(reply.getByText('Stopped', { exact: true })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Send message' })).toBeVisible()
    const kept = await reply.getByText(/^Partial start\./).innerText()
    expect(kept).not.toContain('END-OF-REPLY')
    expect(kept.split(' ').length).toBeLessThan(600)

    await page.reload()
    const reloaded = lastReply(page)
    await expect(reloaded.getByText('Stopped', { exact: true })).toBeVisible()
    await expect(reloaded.getByText(/^Partial start\./)).toHaveText(kept)
    const [conversation] = (await app.call('conversations:list')).conversations
    const stored = await app.call('conversations:get', { conversationId: conversation?.id })
    expect(stored.messages.map((message) => [message.role, message.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'cancelled'],
    ])
    expect(stored.messages[1]?.content).toBe(kept)
    expect(chatBodies(sim)).toHaveLength(1)
  })

  test('the Stop button stops a reply too', async ({ app, sim }) => {
    const { page } = app
    sim.setReply(`Begin. ${filler(600)}`)
    await sendMessage(page, 'Count slowly')
    await expect(lastReply(page)).toContainText('word5')
    await page.getByRole('button', { name: 'Stop reply (Esc)' }).click()
    await expect(lastReply(page).getByText('Stopped', { exact: true })).toBeVisible()
    await expect(lastReply(page)).toContainText('Begin.')
  })
})

test('Regenerate shows a new reply to the same question in place of the last, which stays as a version', async ({
  app,
  sim,
}) => {
  const { page } = app
  let count = 0
  sim.setReply(() => `Answer number ${++count}.`)
  await chat(page, 'Name a colour')
  await expect(lastReply(page)).toContainText('Answer number 1.')

  await page.getByRole('button', { name: 'Regenerate reply' }).click()
  await expect(lastReply(page)).toContainText('Answer number 2.')
  await waitForReplyEnd(page)
  await expect(replies(page)).toHaveCount(1)
  await expect(messageRegion(page).getByText('Answer number 1.')).toHaveCount(0)
  await expect(lastReply(page).getByRole('group', { name: 'Versions of this reply' })).toContainText('2/2')
  await expect(messageRegion(page).getByText('Name a colour', { exact: true })).toHaveCount(1)

  const bodies = chatBodies(sim)
  expect(bodies).toHaveLength(2)
  // The regenerated request carries the question only, not the reply it replaces.
  expect(bodies[1]?.messages).toEqual([{ role: 'user', content: 'Name a colour' }])
})

test('editing an earlier message shows the new version in place of what followed and answers the new text', async ({
  app,
  sim,
}) => {
  const { page } = app
  sim.setReply((request) => `Reply to: ${lastUserText(request)}`)
  await chat(page, 'First question')
  await chat(page, 'Second question')
  await expect(replies(page)).toHaveCount(2)

  const first = messageRegion(page).getByRole('listitem').filter({ hasText: 'First question' }).first()
  await first.getByRole('button', { name: 'Edit and resend' }).click()
  const editor = page.getByRole('textbox', { name: 'Edit message' })
  await editor.fill('First question, revised')
  await page.getByRole('button', { name: 'Send', exact: true }).click()

  await expect(lastReply(page)).toContainText('Reply to: First question, revised')
  await waitForReplyEnd(page)
  const region = messageRegion(page)
  await expect(replies(page)).toHaveCount(1)
  await expect(region.getByText('Second question', { exact: true })).toHaveCount(0)
  await expect(region.getByText('Reply to: Second question')).toHaveCount(0)
  await expect(region.getByText('First question, revised', { exact: true })).toBeVisible()
  expect(chatBodies(sim).at(-1)?.messages).toEqual([{ role: 'user', content: 'First question, revised' }])
  await expect(composer(page)).toBeEnabled()
})

test('model output with scripts, remote images and javascript: links is inert', async ({ app, sim }) => {
  const { page } = app
  const dialogs: string[] = []
  const outside: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  // The context sees requests of any window a click might open, too.
  page.context().on('request', (request) => {
    if (new URL(request.url()).hostname !== '127.0.0.1') outside.push(request.url())
  })
  sim.setReply(
    [
      'Here you go <script>window.__pwned = 1; alert("script")</script> done.',
      '<img src="http://evil.example/pixel.png" onerror="alert(\'img\')">',
      '![a cat](http://evil.example/cat.png)',
      "[click me](javascript:alert('link')) and <a href=\"javascript:alert('raw')\">raw link</a>",
      '<iframe src="http://evil.example/frame"></iframe>',
    ].join('\n\n'),
  )
  await chat(page, 'Show me something risky')

  const reply = lastReply(page)
  await expect(reply).toContainText('<script>window.__pwned = 1; alert("script")</script>')
  await expect(reply.getByRole('link', { name: 'a cat' })).toHaveAttribute('href', 'http://evil.example/cat.png')
  await expect(reply.locator('script, img, iframe, [onerror], [href^="javascript:"]')).toHaveCount(0)
  await reply.getByText('click me').click()
  await reply.getByText('raw link').click()

  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined()
  expect(dialogs).toEqual([])
  expect(outside).toEqual([])
  expect(chatBodies(sim)).toHaveLength(1)
})
