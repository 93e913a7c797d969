// What ollmchat tells you about context, seen in the window: the meter, the notice when Ollama drops history (with
// both of its actions), a message too long for the context, the number Ollama really chose, memory on the Models
// page, and models that cannot chat. Screenshots in light and dark at 1280 and 800 px land in test-results/.
import { expect, test } from '../fixtures/app'
import { captureAll } from '../fixtures/screenshots'
import { chat, chatTitle, composer, goToPage, lastReply, messageRegion, modelPicker } from '../fixtures/chat-page'

const GiB = 1024 ** 3

const fact = (i: number) => `Fact ${i}: ${'the quick brown fox jumps over the lazy dog and keeps running. '.repeat(16)}`

test('when Ollama drops history: the meter warns, a notice says so once, Raise and Continue from a summary work', async ({
  app,
  sim,
}, testInfo) => {
  const { page } = app
  sim.setReply((request) =>
    request.messages.at(-1)?.content.includes('Write the summary')
      ? 'The user listed facts about a quick brown fox that keeps running.'
      : 'Noted. I will keep that in mind.',
  )
  await app.call('models:setNumCtx', { model: 'llama3:latest', numCtx: 2048 })
  const conversation = await app.call('conversations:create', { model: 'llama3:latest' })
  // The start of the chat, written through the core: five facts fit in 2K.
  for (let i = 1; i <= 5; i++)
    await app.call('chat:send', { requestId: `pre${i}`, conversationId: conversation.id, text: fact(i) })
  await page.reload()
  await page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('button', { name: /Fact 1/ })
    .first()
    .click()
  await expect(page.getByRole('meter', { name: 'Context used' })).toBeVisible()
  await expect(page.getByText(/of 2K tokens/)).toBeVisible()

  const notice = messageRegion(page).getByText(
    /^llama3 no longer sees the first (message|\d+ messages) of this chat: it runs with a 2K context\.$/,
  )
  for (let i = 6; i < 12 && !(await notice.isVisible()); i++) await chat(page, fact(i))
  await expect(notice).toHaveCount(1)
  await expect(page.getByText('llama3 no longer sees the start of this conversation')).toBeVisible()
  await expect(lastReply(page).getByText(/^didn’t see the first/)).toBeVisible()
  await expect(page.getByText(/context \d+ % full/)).toBeVisible()
  await expect(messageRegion(page).getByText('llama3 no longer sees the messages above')).toBeVisible()
  await captureAll(page, testInfo, 'truncation-notice')

  // Raise the context: one click, from the next message on.
  await page.getByRole('button', { name: 'Raise the context to 4K' }).click()
  await expect(page.getByText('Context raised to 4K for llama3: used from your next message.')).toBeVisible()
  expect((await app.call('models:list')).models.find((m) => m.name === 'llama3:latest')?.customNumCtx).toBe(4096)
  await chat(page, 'One more fact, now with more room.')
  await expect(lastReply(page).getByText(/4K context/)).toBeVisible()

  // Continue in a new chat from a summary: the model writes it, the new chat starts with it.
  await page.getByRole('button', { name: 'Continue in a new chat from a summary' }).click()
  await expect(chatTitle(page)).toHaveText(/\(continued\)$/)
  await expect(messageRegion(page).getByText(/The user listed facts about a quick brown fox/)).toBeVisible()
  await expect(messageRegion(page).getByRole('button', { name: /Continued from “Fact 1/ })).toBeVisible()
  await captureAll(page, testInfo, 'continued-from-summary')
})

test('a message too long for the context is refused in words with the numbers, and the offered context holds it', async ({
  app,
  sim,
}, testInfo) => {
  const { page } = app
  sim.setReply('Read it all.')
  await app.call('models:setNumCtx', { model: 'llama3:latest', numCtx: 2048 })
  await page.reload()
  const long = `Please read this: ${'lorem ipsum dolor sit amet '.repeat(600)}`
  await composer(page).fill(long)
  await composer(page).press('Enter')
  const sentence =
    'Your message and the system prompt are about 2.9K tokens; llama3 runs with 2K here. Raise its context (up to 8K) or shorten the message.'
  await expect(lastReply(page).getByText(sentence)).toBeVisible()
  await expect(lastReply(page).getByText(/"error"|exceed_context_size_error/)).toHaveCount(0)
  await captureAll(page, testInfo, 'prompt-too-long')
  await lastReply(page).getByRole('button', { name: 'Use 4K for llama3' }).click()
  await expect(lastReply(page).getByText(/llama3 uses 4K from your next message/)).toBeVisible()
  await lastReply(page).getByRole('button', { name: 'Retry' }).click()
  await expect(lastReply(page).getByText('Read it all.')).toBeVisible()
})

test.describe('on a 24 GB GPU', () => {
  test.use({
    simOptions: {
      models: [{ name: 'llama3.1:8b' }, { name: 'all-minilm' }, { name: 'gemma3:4b' }],
      gpuMemoryBytes: 24 * GiB,
      tokenDelayMs: 5,
    },
  })

  test('"auto" becomes the number Ollama chose, a lower custom value is warned about, and memory is shown as you type', async ({
    app,
    sim,
  }, testInfo) => {
    const { page } = app
    sim.setReply('Hello there.')
    // Before Ollama has run a model, nobody knows its automatic context: the picker says "auto" (sorted by name).
    await expect(modelPicker(page).locator('option')).toHaveText(['gemma3:4b — auto', 'llama3.1:8b — auto'])
    await modelPicker(page).selectOption('llama3.1:8b')
    await chat(page, 'Hi')
    await expect(modelPicker(page).locator('option:checked')).toHaveText('llama3.1:8b — 32K · chosen by Ollama')
    await expect(lastReply(page).getByText(/32K context/)).toBeVisible()

    await goToPage(page, 'Models')
    const card = page.getByRole('listitem', { name: 'llama3.1:8b' })
    await expect(card.getByText(/32K · chosen by Ollama/)).toBeVisible()
    await expect(card.getByText(/^Loaded: [\d.]+ GB, all on the GPU/)).toBeVisible()
    const input = card
      .getByRole('combobox', { name: 'Context length for llama3.1:8b' })
      .or(card.getByLabel('Context length for llama3.1:8b'))
    await input.fill('8K')
    await expect(card.getByText('Ollama would run llama3.1:8b with 32K on its own: 8K lowers it.')).toBeVisible()
    await expect(card.getByText(/^About [\d.]+ GB at 8K: [\d.]+ GB weights \+ [\d.]+ GB context cache/)).toBeVisible()
    await input.fill('128K')
    await expect(card.getByText(/^About [\d.]+ GB at 128K: /)).toBeVisible()

    // An embedding model is marked, offers no context control, and is never in the picker.
    const embedding = page.getByRole('listitem', { name: 'all-minilm:latest' })
    await expect(embedding.getByText('Embedding model', { exact: true })).toBeVisible()
    await expect(embedding.getByLabel(/Context length/)).toHaveCount(0)
    await captureAll(page, testInfo, 'models-auto-memory')
    await goToPage(page, 'Chats')
    await expect(modelPicker(page).locator('option', { hasText: 'all-minilm' })).toHaveCount(0)
  })
})

test.describe('on an 8 GB GPU', () => {
  test.use({ simOptions: { models: [{ name: 'llama3.1:8b' }], gpuMemoryBytes: 8 * GiB, tokenDelayMs: 5 } })

  test('a context that spills to the CPU says how much of the model runs there', async ({ app, sim }, testInfo) => {
    const { page } = app
    sim.setReply('Slow but fine.')
    await app.call('models:setNumCtx', { model: 'llama3.1:8b', numCtx: 65536 })
    await page.reload()
    await chat(page, 'Hello with a big context')
    await expect(page.getByText(/^\d+ % of llama3\.1:8b runs on the CPU at this context \(slower\)$/)).toBeVisible()
    await goToPage(page, 'Models')
    await expect(
      page.getByText(/^Loaded: [\d.]+ GB — \d+ % of this model runs on the CPU at this context \(slower\)/),
    ).toBeVisible()
    await captureAll(page, testInfo, 'cpu-spill')
  })
})
