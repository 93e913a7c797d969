import { cleanup, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ok } from '../../../src-shared/ipc/result'
import { DEFAULT_SETTINGS } from '../../../src-shared/types'
import { createFakeBridge } from '../../test-support/fake-bridge'
import { LOCAL_HOST } from '../../test-support/fixtures'
import { download, modelsPage, progress, pullField, pullingBridge } from '../../test-support/pull-fixture'
import { renderApp, type AppHarness } from '../../test-support/render-app'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

describe('pulls started before a reload or in another window', () => {
  it('are restored at start, shown in the sidebar, and can be cancelled', async () => {
    const { fake } = pullingBridge()
    const running = progress({
      requestId: 'r1',
      model: 'mistral:7b',
      status: 'pulling abc',
      digest: 'sha256:abc',
      completed: 1e9,
      total: 4e9,
    })
    fake.handle('models:activePulls', () => ok({ pulls: [running] }))
    fake.handle('models:cancelPull', () => ok({ cancelled: true }))
    const app = await renderApp(fake)
    await app.user.click(screen.getByRole('button', { name: 'Pulling mistral:7b… 25 %' }))
    await app.user.click(download('mistral:7b').getByRole('button', { name: 'Cancel' }))
    expect(fake.callsTo('models:cancelPull')).toEqual([{ requestId: 'r1' }])
    // Cancelling until main says the pull stopped.
    expect(download('mistral:7b').getByRole('button', { name: 'Cancelling…' })).toBeTruthy()
    app.emit('models:pullEnded', {
      requestId: 'r1',
      model: 'mistral:7b',
      host: LOCAL_HOST,
      outcome: 'cancelled',
      error: null,
    })
    expect(screen.getByText('Cancelled — pulling it again resumes where it stopped.')).toBeTruthy()
  })

  describe('end as main says, in every window', () => {
    async function pullElsewhere(): Promise<AppHarness> {
      const app = await modelsPage(createFakeBridge())
      app.emit('models:pullProgress', progress({ requestId: 'r1', model: 'mistral:7b', status: 'success' }))
      // Ollama's last line alone ends nothing: the pull runs until `models:pullEnded`.
      expect(download('mistral:7b').getByRole('progressbar', { name: 'Pulling mistral:7b' })).toBeTruthy()
      return app
    }

    it('complete', async () => {
      const app = await pullElsewhere()
      app.emit('models:pullEnded', {
        requestId: 'r1',
        model: 'mistral:7b',
        host: LOCAL_HOST,
        outcome: 'complete',
        error: null,
      })
      expect(download('mistral:7b').getByText('Pulled mistral:7b.')).toBeTruthy()
      expect(download('mistral:7b').queryByRole('progressbar')).toBeNull()
    })

    it('cancelled, with the way to resume', async () => {
      const app = await pullElsewhere()
      app.emit('models:pullEnded', {
        requestId: 'r1',
        model: 'mistral:7b',
        host: LOCAL_HOST,
        outcome: 'cancelled',
        error: null,
      })
      expect(download('mistral:7b').getByText('Cancelled — pulling it again resumes where it stopped.')).toBeTruthy()
      await app.user.click(download('mistral:7b').getByRole('button', { name: 'Pull again' }))
      expect(app.fake.callsTo('models:pull').map((call) => call.model)).toEqual(['mistral:7b'])
    })

    it('failed, in main’s words, with Retry', async () => {
      const app = await pullElsewhere()
      const error = {
        code: 'OLLAMA_ERROR' as const,
        message: 'There is not enough free disk space for mistral:7b.',
        detail: 'no space left on device',
      }
      app.emit('models:pullEnded', { requestId: 'r1', model: 'mistral:7b', host: LOCAL_HOST, outcome: 'failed', error })
      const alert = download('mistral:7b').getByRole('alert')
      expect(alert.textContent).toContain('There is not enough free disk space for mistral:7b.')
      expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy()
    })
  })
})

describe('a pull on another host than the one in use', () => {
  it('says which host in Downloads and the sidebar, leaves the model free to pull here, and offers no Retry', async () => {
    const { fake } = pullingBridge()
    const other = 'http://192.168.1.20:11434'
    fake.handle('settings:get', () =>
      ok({ ...DEFAULT_SETTINGS, hosts: [{ id: 'h1', url: other, name: 'Work GPU', headerNames: [] }] }),
    )
    const app = await renderApp(fake)
    app.emit(
      'models:pullProgress',
      progress({ requestId: 'r1', model: 'mistral:7b', host: other, digest: 'sha256:abc', completed: 1e9, total: 4e9 }),
    )
    await app.user.click(screen.getByRole('button', { name: 'Pulling mistral:7b on Work GPU… 25 %' }))
    const there = download('mistral:7b on Work GPU')
    expect(there.getByText('on Work GPU')).toBeTruthy()
    expect(there.getByRole('progressbar', { name: 'Pulling mistral:7b on Work GPU' })).toBeTruthy()
    // Main runs one pull of a model per host: this host's is not refused for the other's.
    await app.user.type(pullField(), 'mistral:7b{Enter}')
    expect(screen.queryByRole('alert')).toBeNull()
    expect(fake.callsTo('models:pull').map((call) => call.model)).toEqual(['mistral:7b'])
    const region = within(screen.getByRole('region', { name: 'Downloads' }))
    expect(region.getAllByRole('listitem').map((item) => item.getAttribute('aria-label'))).toEqual([
      'Download of mistral:7b on Work GPU',
      'Download of mistral:7b',
    ])
    // Retrying here would pull on the host in use, starting over rather than resuming there.
    const error = { code: 'OLLAMA_ERROR' as const, message: 'There is not enough free disk space for mistral:7b.' }
    app.emit('models:pullEnded', { requestId: 'r1', model: 'mistral:7b', host: other, outcome: 'failed', error })
    expect(within(there.getByRole('alert')).queryByRole('button', { name: 'Retry' })).toBeNull()
  })
})

describe('the empty chat screen', () => {
  it('offers to pull a first model and points to Downloads', async () => {
    const { fake } = pullingBridge()
    const app = await renderApp(fake)
    expect(screen.getByRole('heading', { name: 'No models installed yet' })).toBeTruthy()
    await app.user.type(pullField(), 'llama3.2:3b')
    await app.user.click(screen.getByRole('button', { name: 'Pull' }))
    expect(fake.callsTo('models:pull').map((call) => call.model)).toEqual(['llama3.2:3b'])
    await app.user.click(screen.getByRole('button', { name: 'Follow it under Downloads on the Models page' }))
    await waitFor(() => expect(screen.getByRole('region', { name: 'Downloads' })).toBeTruthy())
  })
})
