import { cleanup, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fail, ok } from '../../../src-shared/ipc/result'
import { createFakeBridge } from '../../test-support/fake-bridge'
import { makeModel } from '../../test-support/fixtures'
import { download, modelsPage, progress, pullField, pullingBridge } from '../../test-support/pull-fixture'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

describe('pulling a model from the Models page', () => {
  it.each([
    ['', 'Type the name of a model, for example llama3.2:3b.'],
    ['llama 3', 'A model name has no spaces.'],
    ['ollama pull llama3', 'Type the model’s name only, without “ollama pull”.'],
    ['llama3:8b:q4', 'A model name has at most one “:”, before its tag, as in llama3.2:3b.'],
    ['llama3:', 'Part of that name is empty. A name looks like llama3.2:3b or namespace/model:tag.'],
  ])('refuses %j inline before sending anything', async (typed, message) => {
    const { fake } = pullingBridge()
    const app = await modelsPage(fake)
    await app.user.type(pullField(), `${typed}{Enter}`)
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toBe(message)
    expect(pullField().getAttribute('aria-describedby')?.split(' ')).toContain(alert.id)
    expect(fake.callsTo('models:pull')).toHaveLength(0)
  })

  it('shows the core’s own refusal of a name in the field, and nothing in Downloads', async () => {
    const fake = createFakeBridge()
    fake.handle('models:pull', () => fail('INVALID_INPUT', 'A model name may not contain “%”.'))
    const app = await modelsPage(fake)
    await app.user.type(pullField(), 'bad%name{Enter}')
    expect((await screen.findByRole('alert')).textContent).toBe('“bad%name”: A model name may not contain “%”.')
    expect(screen.queryByRole('region', { name: 'Downloads' })).toBeNull()
  })

  it('shows the core’s refusal of a second pull of a model (started in another window) in the field', async () => {
    const fake = createFakeBridge()
    fake.handle('models:pull', () => fail('BUSY', 'llama3.2:3b is already being pulled.'))
    const app = await modelsPage(fake)
    await app.user.type(pullField(), 'llama3.2:3b{Enter}')
    expect((await screen.findByRole('alert')).textContent).toBe('“llama3.2:3b”: llama3.2:3b is already being pulled.')
    expect(screen.queryByRole('button', { name: 'A pull failed' })).toBeNull()
  })

  it('shows the whole pull’s progress, its speed and time left, a lower bound until every layer is known', async () => {
    const { fake } = pullingBridge()
    const app = await modelsPage(fake)
    await app.user.type(pullField(), ' llama3.2:3b {Enter}')
    const [call] = fake.callsTo('models:pull')
    expect(call?.model).toBe('llama3.2:3b')
    const requestId = call?.requestId ?? ''
    expect(screen.getByText('Pulling llama3.2:3b.').getAttribute('role')).toBe('status')

    const clock = vi.spyOn(Date, 'now')
    app.emit('models:pullProgress', progress({ requestId }))
    expect(download('llama3.2:3b').getByText('pulling manifest')).toBeTruthy()
    expect(download('llama3.2:3b').getByRole('progressbar').getAttribute('aria-valuenow')).toBeNull()

    const layer = { digest: 'sha256:aaa', status: 'pulling aaa', total: 2_000_000_000 }
    clock.mockReturnValue(10_000)
    app.emit('models:pullProgress', progress({ requestId, ...layer, completed: 0 }))
    clock.mockReturnValue(12_000)
    app.emit('models:pullProgress', progress({ requestId, ...layer, completed: 500_000_000 }))
    const row = download('llama3.2:3b')
    expect(row.getByText('pulling aaa')).toBeTruthy()
    expect(row.getByText('25 % · 500 MB of at least 2.0 GB · 250 MB/s · at least 6 s left')).toBeTruthy()
    const bar = row.getByRole('progressbar', { name: 'Pulling llama3.2:3b' })
    expect(bar.getAttribute('aria-valuenow')).toBe('25')

    // A second, small layer, then Ollama moves on: the total is known now.
    clock.mockReturnValue(13_000)
    app.emit('models:pullProgress', progress({ requestId, ...layer, completed: 2_000_000_000 }))
    app.emit(
      'models:pullProgress',
      progress({ requestId, digest: 'sha256:bbb', status: 'pulling bbb', total: 1000, completed: 1000 }),
    )
    app.emit('models:pullProgress', progress({ requestId, status: 'verifying sha256 digest' }))
    expect(row.getByText('verifying sha256 digest')).toBeTruthy()
    // Every byte is in: no speed or time left, which would be stale while Ollama verifies.
    expect(row.getByText('100 % · 2.0 GB of 2.0 GB')).toBeTruthy()
  })

  it('runs several pulls, all in Downloads, and the sidebar says so on every page', async () => {
    const { fake } = pullingBridge()
    const app = await modelsPage(fake)
    await app.user.type(pullField(), 'llama3.2:3b{Enter}')
    await app.user.type(pullField(), 'qwen3:8b{Enter}')
    await app.user.type(pullField(), 'qwen3:8b{Enter}')
    expect(screen.getByRole('alert').textContent).toBe('qwen3:8b is already being pulled: see Downloads.')
    expect(fake.callsTo('models:pull').map((call) => call.model)).toEqual(['llama3.2:3b', 'qwen3:8b'])

    await app.user.click(screen.getByRole('button', { name: 'Chats' }))
    await app.user.click(screen.getByRole('button', { name: 'Pulling 2 models…' }))
    expect(screen.getByRole('heading', { name: 'Models', level: 1 })).toBeTruthy()
    const region = within(screen.getByRole('region', { name: 'Downloads' }))
    expect(region.getAllByRole('listitem').map((item) => item.getAttribute('aria-label'))).toEqual([
      'Download of llama3.2:3b',
      'Download of qwen3:8b',
    ])
  })

  it('cancels; pulling again resumes', async () => {
    const { fake, finish } = pullingBridge()
    fake.handle('models:cancelPull', ({ requestId }) => {
      finish(requestId, ok({ model: 'llama3.2:3b', cancelled: true }))
      return ok({ cancelled: true })
    })
    const app = await modelsPage(fake)
    await app.user.type(pullField(), 'llama3.2:3b{Enter}')
    const requestId = fake.callsTo('models:pull')[0]?.requestId
    await app.user.click(download('llama3.2:3b').getByRole('button', { name: 'Cancel' }))
    expect(fake.callsTo('models:cancelPull')).toEqual([{ requestId }])
    expect(await screen.findByText('Cancelled — pulling it again resumes where it stopped.')).toBeTruthy()
    expect(screen.queryByRole('button', { name: /^Pulling/ })).toBeNull()
    await app.user.click(download('llama3.2:3b').getByRole('button', { name: 'Pull again' }))
    expect(fake.callsTo('models:pull').map((call) => call.model)).toEqual(['llama3.2:3b', 'llama3.2:3b'])
  })

  it('says when a pull is done; the model shows as soon as the core pushes the new list', async () => {
    const { fake, finish } = pullingBridge()
    const app = await modelsPage(fake)
    await app.user.type(pullField(), 'llama3.2:3b{Enter}')
    finish(fake.callsTo('models:pull')[0]?.requestId ?? '', ok({ model: 'llama3.2:3b', cancelled: false }))
    expect(await screen.findByText('Pulled llama3.2:3b.')).toBeTruthy()
    app.emit('models:changed', { models: [makeModel({ name: 'llama3.2:3b' })], defaultModel: 'llama3.2:3b' })
    expect(screen.getByRole('listitem', { name: 'llama3.2:3b' })).toBeTruthy()
  })

  it('shows a failure in main’s words, with Retry', async () => {
    const { fake, finish } = pullingBridge()
    const app = await modelsPage(fake)
    await app.user.type(pullField(), 'llama9{Enter}')
    finish(
      fake.callsTo('models:pull')[0]?.requestId ?? '',
      fail('MODEL_NOT_FOUND', 'ollama.com has no model called llama9.'),
    )
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('ollama.com has no model called llama9.')
    await app.user.click(screen.getByRole('button', { name: 'Chats' }))
    expect(screen.getByRole('button', { name: 'A pull failed' })).toBeTruthy()
    await app.user.click(screen.getByRole('button', { name: 'A pull failed' }))
    await app.user.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Retry' }))
    expect(fake.callsTo('models:pull').map((call) => call.model)).toEqual(['llama9', 'llama9'])
    expect(screen.queryByRole('alert')).toBeNull()
  })
})
