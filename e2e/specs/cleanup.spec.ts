import { expect, test } from '../fixtures/app'
import { chat, goToPage, modelPicker } from '../fixtures/chat-page'
import { chatBodies, createDerived, deletedNames } from '../fixtures/sim-helpers'

const LOADED = 'ollmchat-temp/llama3-oc4096'
/** How Ollama lists (and the app therefore deletes) a name without a tag. */
const listed = (name: string) => (name.includes(':') ? name : `${name}:latest`).toLowerCase()
const UNUSED = [
  'ollmchat-temp/llama3-oc2048',
  'ollmchat-temp/qwen3-oc16384:8b-0123456789abcdef',
  'OLLMCHAT-TEMP/Shouty-oc8192',
]
const OTHERS = [
  'llama3:latest',
  'qwen3:8b',
  'mistral:7b',
  'ollmchat-tempo:latest',
  'example.com/ollmchat-temp/elsewhere-oc2048:latest',
]

test.describe('leftovers from an earlier run', () => {
  test.use({
    beforeAppStart: {
      async run(sim) {
        sim.addModel('mistral:7b')
        sim.addModel('ollmchat-tempo')
        // Not ours: the namespace on another registry.
        sim.addModel('example.com/ollmchat-temp/elsewhere-oc2048')
        await createDerived(sim, LOADED, 'llama3:latest', 4096)
        await createDerived(sim, 'ollmchat-temp/llama3-oc2048', 'llama3:latest', 2048)
        await createDerived(sim, 'ollmchat-temp/qwen3-oc16384:8b-0123456789abcdef', 'qwen3:8b', 16384)
        // Made by some other version or client: no parent recorded.
        sim.addModel('OLLMCHAT-TEMP/Shouty-oc8192')
        sim.load(LOADED, { numCtx: 4096 })
        sim.clearRequests()
      },
    },
  })

  test('start-up clean-up deletes unused temporary models, keeps the loaded one and touches nothing else', async ({
    app,
    sim,
  }) => {
    await app.cleanupFinished()
    for (const name of UNUSED) expect(sim.hasModel(name), name).toBe(false)
    expect(sim.hasModel(LOADED)).toBe(true)
    for (const name of OTHERS) expect(sim.hasModel(name), name).toBe(true)
    expect(
      deletedNames(sim)
        .map((name) => name.toLowerCase())
        .sort(),
    ).toEqual(UNUSED.map(listed).sort())
    expect(sim.requestsTo('/api/create')).toHaveLength(0)

    // The page knows nothing of temporary models, but it does say the base runs with the kept one's context.
    const { page } = app
    await expect(
      modelPicker(page).getByRole('option', { name: /^(registry\.ollama\.ai\/)?ollmchat-temp\//i }),
    ).toHaveCount(0)
    await goToPage(page, 'Models')
    await expect(page.getByRole('listitem', { name: 'llama3:latest' }).getByText('running with 4K')).toBeVisible()
  })
})

test('a temporary model a chat made stays while Ollama runs it and goes at the first start after', async ({
  app,
  sim,
}) => {
  const { page } = app
  await app.call('models:setNumCtx', { model: 'llama3:latest', numCtx: 4096 })
  await page.reload()
  await chat(page, 'Make the temporary model')
  expect(sim.hasModel(LOADED)).toBe(true)
  expect(sim.loaded().map((runner) => runner.name)).toEqual([listed(LOADED)])

  await app.restart()
  await app.cleanupFinished()
  expect(sim.hasModel(LOADED)).toBe(true)
  expect(deletedNames(sim)).toEqual([])

  sim.unloadAll()
  await app.restart()
  await app.cleanupFinished()
  expect(sim.hasModel(LOADED)).toBe(false)
  expect(deletedNames(sim)).toEqual([listed(LOADED)])
  expect(sim.hasModel('llama3')).toBe(true)

  // The setting survives; the next message simply makes the model again.
  await chat(page, 'Again, please')
  expect(sim.requestsTo('/api/create', 'POST')).toHaveLength(2)
  expect(chatBodies(sim).map((body) => body.model)).toEqual([LOADED, LOADED])
})
