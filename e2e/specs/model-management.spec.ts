// Managing models through the window, against the simulator: pull (progress, cancel, resume, failure), delete with
// what goes with it, the temporary models panel, and several hosts in Settings. Screenshots in light and dark at
// 1280 and 800 px land in test-results/.
import { startOllamaSim } from '../../tools/ollama-sim/index'
import { expect, test } from '../fixtures/app'
import { captureAll } from '../fixtures/screenshots'
import { chat, chatTitle, goToPage, modelPicker } from '../fixtures/chat-page'

test.describe('with no models yet', () => {
  test.use({ simOptions: { models: [], pullBytesPerSecond: 150e6, tokenDelayMs: 5 } })

  test('pulls from the empty state with a progress bar, cancels, resumes where it stopped, and chats with it', async ({
    app,
    sim,
  }, testInfo) => {
    const { page } = app
    const field = page.getByRole('textbox', { name: 'Pull a model' })
    await field.fill('llama3.2:1b')
    await page.getByRole('button', { name: 'Pull', exact: true }).click()
    await goToPage(page, 'Models')
    const bar = page.getByRole('progressbar', { name: 'Pulling llama3.2:1b' })
    await expect(bar).toBeVisible()
    await expect
      .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { message: 'progress grows' })
      .toBeGreaterThan(2)
    const download = page.getByRole('listitem', { name: 'Download of llama3.2:1b' })
    await expect(download.getByText(/MB\/s/)).toBeVisible()
    await captureAll(page, testInfo, 'pull-progress')
    // What the bar showed before the cancel; Ollama keeps at least that much in its partial files.
    const shownBeforeCancel = Number(await bar.getAttribute('aria-valuenow'))
    await download.getByRole('button', { name: 'Cancel' }).click()
    await expect(download.getByText('Cancelled — pulling it again resumes where it stopped.')).toBeVisible()
    expect(sim.hasModel('llama3.2:1b')).toBe(false)

    // No byte can arrive now, so whatever the resumed pull shows was already on disk: it starts there, not at 0.
    sim.configure({ pullBytesPerSecond: 0 })
    await download.getByRole('button', { name: 'Pull again' }).click()
    await expect
      .poll(async () => Number((await bar.getAttribute('aria-valuenow')) ?? -1), {
        message: 'resumed at the bytes kept',
      })
      .toBeGreaterThanOrEqual(shownBeforeCancel)
    expect(sim.requestsTo('/api/pull')).toHaveLength(2)
    sim.configure({ pullBytesPerSecond: 4e9 })
    await expect(page.getByText('Pulled llama3.2:1b.')).toBeVisible()
    await expect(page.getByRole('listitem', { name: 'llama3.2:1b', exact: true })).toBeVisible()
    await goToPage(page, 'Chats')
    await expect(modelPicker(page)).toContainText('llama3.2:1b')
    await chat(page, 'Hello, new model')
  })

  test('says in words when a pull fails, and refuses a name that cannot be one', async ({ app }) => {
    const { page } = app
    const field = page.getByRole('textbox', { name: 'Pull a model' })
    await field.fill('ollama pull llama3')
    await page.getByRole('button', { name: 'Pull', exact: true }).click()
    await expect(page.getByRole('alert')).toHaveText('Type the model’s name only, without “ollama pull”.')
    await field.fill('no-such-model:7b')
    await page.getByRole('button', { name: 'Pull', exact: true }).click()
    await expect(page.getByText(/The Ollama library has no model "no-such-model:7b"\. Check the name/)).toBeVisible()
  })
})

test('deletes a model with the temporary models made from it, after saying what goes', async ({
  app,
  sim,
}, testInfo) => {
  const { page } = app
  sim.setReply('ok')
  await app.call('models:setNumCtx', { model: 'llama3:latest', numCtx: 4096 })
  await page.reload()
  await chat(page, 'Make the temporary model')
  expect(sim.hasModel('ollmchat-temp/llama3-oc4096')).toBe(true)
  await goToPage(page, 'Models')
  await page.getByRole('button', { name: 'Delete llama3:latest' }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete llama3?' })
  await expect(
    dialog.getByText(
      'Deleting llama3 also deletes the temporary model ollmchat made from it (1 loaded, which is unloaded first).',
    ),
  ).toBeVisible()
  await captureAll(page, testInfo, 'delete-dialog')
  await dialog.getByRole('button', { name: 'Delete llama3' }).click()
  await expect(page.getByText('Deleted llama3 (and 1 temporary model).')).toBeVisible()
  await expect(page.getByRole('listitem', { name: 'llama3:latest', exact: true })).toHaveCount(0)
  expect(sim.hasModel('llama3')).toBe(false)
  expect(sim.hasModel('ollmchat-temp/llama3-oc4096')).toBe(false)
})

test('the temporary models panel lists them, cleans up the unused ones and removes all', async ({
  app,
  sim,
}, testInfo) => {
  const { page } = app
  sim.setReply('ok')
  await app.call('models:setNumCtx', { model: 'llama3:latest', numCtx: 4096 })
  await page.reload()
  await chat(page, 'One temporary model, loaded')
  sim.addModel('ollmchat-temp/leftover-oc2048')
  await goToPage(page, 'Models')
  await page.getByRole('button', { name: 'Temporary models ollmchat made' }).click()
  const panel = page.getByRole('region', { name: 'Temporary models ollmchat made' })
  await expect(panel.getByText('ollmchat-temp/llama3-oc4096', { exact: false })).toBeVisible()
  await expect(panel.getByText('ollmchat-temp/leftover-oc2048', { exact: false })).toBeVisible()
  await captureAll(page, testInfo, 'temp-models-panel')
  await panel.getByRole('button', { name: 'Clean up unused now' }).click()
  await expect(panel.getByText(/Deleted 1 temporary model/)).toBeVisible()
  expect(sim.hasModel('ollmchat-temp/leftover-oc2048')).toBe(false)
  expect(sim.hasModel('ollmchat-temp/llama3-oc4096')).toBe(true)
  await panel.getByRole('button', { name: 'Remove all…' }).click()
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Remove all/ })
    .click()
  await expect.poll(() => sim.hasModel('ollmchat-temp/llama3-oc4096')).toBe(false)
  expect(sim.loaded()).toEqual([])
})

test('adds a second host in Settings, switches to it, and says where a conversation last ran', async ({
  app,
  sim,
}, testInfo) => {
  const { page } = app
  // Another version than the first host's, so a check that asked the wrong host shows.
  const second = await startOllamaSim({
    models: ['qwen3:8b'],
    version: '0.30.1',
    reply: 'from the second host',
    requiredHeaders: { Authorization: 'Bearer s3cret' },
  })
  try {
    sim.setReply('from the first host')
    await chat(page, 'On the first host')
    await goToPage(page, 'Settings')
    await page.getByRole('button', { name: 'Add a host' }).click()
    const form = page.getByRole('form', { name: 'Add a host' })
    await form.getByLabel('Address').fill(second.url)
    await form.getByLabel('Name (optional)').fill('Second box')
    await form.getByLabel(/Extra headers/).fill('Authorization: Bearer s3cret')
    // Browser mode has no keychain: the form says the values are kept in a file, not encrypted.
    await expect(form.getByText(/kept in a file only your user account can read \(not encrypted\)/)).toBeVisible()
    await captureAll(page, testInfo, 'host-form')
    await form.getByRole('button', { name: 'Add host' }).click()
    await expect(page.getByText('Authorization: ••••')).toBeVisible()
    await expect(page.getByText('s3cret')).toHaveCount(0)
    await page.getByRole('radio', { name: /Second box/ }).check()
    await page.getByRole('button', { name: 'Check hosts' }).click()
    const answered = page.getByRole('list', { name: 'What each host answered' }).getByRole('listitem')
    // Reachable only with its header, and its own version: the check asked the second host itself.
    await expect(answered.filter({ hasText: /^Second box:/ })).toHaveText('Second box: reachable, Ollama 0.30.1')
    await expect(answered.filter({ hasText: /^Default \(/ })).toHaveText(/: reachable, Ollama 0\.32\.15$/)
    await captureAll(page, testInfo, 'settings-hosts')
    await goToPage(page, 'Chats')
    await expect(chatTitle(page)).toBeVisible()
    await expect(page.getByText(/^Last used on /).first()).toBeVisible()
    await expect(modelPicker(page)).toContainText('qwen3:8b')
    expect(second.requests.some((request) => request.headers['authorization'] === 'Bearer s3cret')).toBe(true)
  } finally {
    await second.close()
  }
})
