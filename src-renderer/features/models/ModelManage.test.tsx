import { act, cleanup, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fail, ok, type Result } from '../../../src-shared/ipc/result'
import type { ModelDetailsInfo, ModelInfo, TempModelInfo } from '../../../src-shared/types'
import { createFakeBridge, deferred } from '../../test-support/fake-bridge'
import { makeModel, makeTempModel } from '../../test-support/fixtures'
import { renderApp } from '../../test-support/render-app'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

const llama = makeModel({ name: 'llama3:latest', sizeBytes: 4_700_000_000 })
const temps = [
  makeTempModel({ name: 'ollmchat-temp/llama3-oc16384:latest', baseModel: 'llama3:latest', loaded: true }),
  makeTempModel({ name: 'ollmchat-temp/llama3-oc8192:latest', baseModel: 'llama3', numCtx: 8192 }),
  makeTempModel({ name: 'ollmchat-temp/qwen3-oc8192:8b', baseModel: 'qwen3:8b', numCtx: 8192 }),
]

async function modelsPage(models: ModelInfo[] = [llama], tempModels: TempModelInfo[] = temps) {
  const fake = createFakeBridge()
  fake.handle('models:list', () => ok({ models, defaultModel: models[0]?.name ?? null }))
  fake.handle('tempModels:list', () => ok({ tempModels }))
  const app = await renderApp(fake)
  await app.user.click(screen.getByRole('button', { name: 'Models' }))
  return app
}

const card = (name: string) => within(screen.getByRole('listitem', { name }))

describe('deleting a model', () => {
  it('asks first, saying which temporary models go with it and the disk it frees, then says it is done', async () => {
    const app = await modelsPage()
    app.fake.handle('models:delete', () =>
      ok({ deleted: ['llama3:latest', 'ollmchat-temp/llama3-oc16384:latest', 'ollmchat-temp/llama3-oc8192:latest'] }),
    )
    await app.user.click(card('llama3:latest').getByRole('button', { name: 'Delete llama3:latest' }))
    const dialog = within(screen.getByRole('dialog', { name: 'Delete llama3?' }))
    expect(
      await dialog.findByText(
        'Deleting llama3 also deletes the 2 temporary models ollmchat made from it (1 loaded, which is unloaded first).',
      ),
    ).toBeTruthy()
    expect(dialog.getByText('It frees about 4.7 GB of disk.')).toBeTruthy()
    // The safe choice has the focus.
    expect(document.activeElement).toBe(dialog.getByRole('button', { name: 'Cancel' }))
    await app.user.click(dialog.getByRole('button', { name: 'Delete llama3' }))
    expect(app.fake.callsTo('models:delete')).toEqual([{ model: 'llama3:latest' }])
    expect(await screen.findByText('Deleted llama3 (and 2 temporary models).')).toBeTruthy()
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.queryByRole('listitem', { name: 'llama3:latest' })).toBeNull()
    // The Delete button went with its card: the focus goes to the page's heading, not to the window.
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Models', level: 1 }))
  })

  it('keeps the focus inside, closes on Esc and gives the focus back to Delete', async () => {
    const app = await modelsPage([llama], [])
    const deleteButton = card('llama3:latest').getByRole('button', { name: 'Delete llama3:latest' })
    await app.user.click(deleteButton)
    const dialog = within(screen.getByRole('dialog', { name: 'Delete llama3?' }))
    expect(
      await dialog.findByText('Nothing else goes with it: ollmchat made no temporary models from llama3.'),
    ).toBeTruthy()
    const cancel = dialog.getByRole('button', { name: 'Cancel' })
    const confirm = dialog.getByRole('button', { name: 'Delete llama3' })
    await app.user.tab()
    expect(document.activeElement).toBe(confirm)
    await app.user.tab()
    expect(document.activeElement).toBe(cancel)
    await app.user.tab({ shift: true })
    expect(document.activeElement).toBe(confirm)
    await app.user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(deleteButton)
    expect(app.fake.callsTo('models:delete')).toHaveLength(0)
  })

  it('shows the core’s refusal in the dialog while a reply uses the model', async () => {
    const app = await modelsPage()
    app.fake.handle('models:delete', () =>
      fail('BUSY', 'A reply is using llama3 right now. Delete it when the reply has ended.'),
    )
    await app.user.click(card('llama3:latest').getByRole('button', { name: 'Delete llama3:latest' }))
    const dialog = within(screen.getByRole('dialog', { name: 'Delete llama3?' }))
    await app.user.click(dialog.getByRole('button', { name: 'Delete llama3' }))
    expect((await dialog.findByRole('alert')).textContent).toContain('A reply is using llama3 right now.')
    expect(screen.getByRole('listitem', { name: 'llama3:latest' })).toBeTruthy()
  })
})

describe('a loaded model', () => {
  const loaded = makeModel({
    name: 'llama3:latest',
    runningContext: 8192,
    runningMemory: { sizeBytes: 5_900_000_000, vramBytes: 5_900_000_000, unloadsAt: null },
  })

  it('says what it holds and unloads on request', async () => {
    const app = await modelsPage([loaded, makeModel({ name: 'qwen3:8b' })])
    app.fake.handle('models:unload', () => ok({ unloaded: true }))
    expect(card('llama3:latest').getByText('running with 8K')).toBeTruthy()
    // No unload time from Ollama (or kept loaded for good): the line says nothing about one.
    expect(card('llama3:latest').getByText(/^Loaded:/).textContent).toBe('Loaded: 5.9 GB, all on the GPU')
    expect(card('qwen3:8b').queryByRole('button', { name: /^Unload/ })).toBeNull()
    await app.user.click(card('llama3:latest').getByRole('button', { name: 'Unload llama3:latest' }))
    expect(app.fake.callsTo('models:unload')).toEqual([{ model: 'llama3:latest' }])
    app.emit('models:changed', {
      models: [{ ...loaded, runningContext: null, runningMemory: null }],
      defaultModel: null,
    })
    expect(card('llama3:latest').queryByText(/^Loaded:/)).toBeNull()
  })

  it('says when it unloads if nothing uses it, kept current by a minute’s tick', async () => {
    const start = Date.parse('2026-08-03T12:00:00Z')
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: start })
    const memory = (unloadsAt: string | null) => ({ sizeBytes: 5_900_000_000, vramBytes: 5_900_000_000, unloadsAt })
    const app = await modelsPage([
      { ...loaded, runningMemory: memory('2026-08-03T14:04:00+02:00') },
      makeModel({
        name: 'qwen3:8b',
        runningContext: 4096,
        runningMemory: { ...memory('2026-08-03T14:00:00Z'), vramBytes: 4_130_000_000 },
      }),
    ])
    const line = (name: string) => card(name).getByText(/^Loaded:/).textContent
    const passTime = (ms: number) =>
      act(() => {
        vi.advanceTimersByTime(ms)
      })
    expect(line('llama3:latest')).toBe('Loaded: 5.9 GB, all on the GPU — unloads in 4 min')
    expect(line('qwen3:8b')).toBe(
      'Loaded: 5.9 GB — 30 % of this model runs on the CPU at this context (slower) — unloads in 2 h',
    )

    passTime(3 * 60_000)
    expect(line('llama3:latest')).toBe('Loaded: 5.9 GB, all on the GPU — unloads in 1 min')
    // Between ticks nothing is redrawn: 30 s left still reads as the last tick said.
    passTime(30_000)
    expect(line('llama3:latest')).toBe('Loaded: 5.9 GB, all on the GPU — unloads in 1 min')
    passTime(30_000)
    expect(line('llama3:latest')).toBe('Loaded: 5.9 GB, all on the GPU — unloads when idle')

    // Used again between ticks: the new time reads from the clock now, not from the last tick 30 s ago.
    passTime(30_000)
    const models = [{ ...loaded, runningMemory: memory('2026-08-03T12:09:30Z') }]
    app.emit('models:changed', { models, defaultModel: 'llama3:latest' })
    expect(line('llama3:latest')).toBe('Loaded: 5.9 GB, all on the GPU — unloads in 5 min')
  })

  it('shows why an unload failed', async () => {
    const app = await modelsPage([loaded])
    app.fake.handle('models:unload', () => fail('OLLAMA_UNREACHABLE', 'Nothing answered at http://127.0.0.1:11434.'))
    await app.user.click(card('llama3:latest').getByRole('button', { name: 'Unload llama3:latest' }))
    expect((await screen.findByRole('alert')).textContent).toContain('Nothing answered at http://127.0.0.1:11434.')
  })
})

describe('a model’s details', () => {
  const details: ModelDetailsInfo = {
    name: 'llama3:latest',
    template: '<b>{{ .System }}</b>{{ .Prompt }}',
    parameters: 'stop "<|eot_id|>"\nnum_ctx 8192',
    system: '',
    license: '# META LLAMA 3 COMMUNITY LICENSE\n**Read it.** <script>alert(1)</script>',
    capabilities: ['completion', 'tools'],
    family: 'llama',
    parameterSize: '8.0B',
    quantization: 'Q4_0',
    format: 'gguf',
    parentModel: 'llama3:8b',
    modifiedAt: null,
  }

  it('shows the facts and each text as plain text with Copy; Close gives the focus back', async () => {
    const app = await modelsPage([llama], [])
    const answer = deferred<Result<ModelDetailsInfo>>()
    app.fake.handle('models:details', () => answer.promise)
    const detailsButton = card('llama3:latest').getByRole('button', { name: 'Details of llama3:latest' })
    await app.user.click(detailsButton)
    const dialog = within(screen.getByRole('dialog', { name: 'Details of llama3:latest' }))
    expect(dialog.getByText('Reading the model’s details…')).toBeTruthy()
    answer.resolve(ok(details))
    const template = await dialog.findByRole('region', { name: 'Template' })
    expect(within(template).getByText(details.template).tagName).toBe('PRE')
    const licence = within(dialog.getByRole('region', { name: 'Licence' })).getByText(/META LLAMA 3/)
    expect(licence.textContent).toBe(details.license)
    expect(screen.getByRole('dialog').querySelector('b, script, strong, h1')).toBeNull()
    expect(dialog.getByText('No built-in system prompt.')).toBeTruthy()
    expect(dialog.getByText('completion, tools')).toBeTruthy()
    expect(dialog.getByText('llama3:8b')).toBeTruthy()
    expect(dialog.getByText('gguf')).toBeTruthy()

    await app.user.click(dialog.getByRole('button', { name: 'Copy template' }))
    expect(await navigator.clipboard.readText()).toBe(details.template)
    await app.user.click(dialog.getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(detailsButton)
  })

  it('says why the details could not be read, and tries again', async () => {
    const app = await modelsPage([llama], [])
    app.fake.handle('models:details', () => fail('MODEL_NOT_FOUND', 'llama3:latest is no longer installed.'))
    await app.user.click(card('llama3:latest').getByRole('button', { name: 'Details of llama3:latest' }))
    const dialog = within(screen.getByRole('dialog'))
    expect((await dialog.findByRole('alert')).textContent).toContain('llama3:latest is no longer installed.')
    app.fake.handle('models:details', () => ok(details))
    await app.user.click(dialog.getByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(dialog.getByRole('region', { name: 'Parameters' })).toBeTruthy())
    expect(app.fake.callsTo('models:details')).toEqual([{ model: 'llama3:latest' }, { model: 'llama3:latest' }])
  })
})
