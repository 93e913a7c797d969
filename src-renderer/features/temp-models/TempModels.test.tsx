import { cleanup, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { fail, ok } from '../../../src-shared/ipc/result'
import type { TempCleanupReport, TempModelInfo } from '../../../src-shared/types'
import { createFakeBridge } from '../../test-support/fake-bridge'
import { makeModel, makeTempModel } from '../../test-support/fixtures'
import { renderApp } from '../../test-support/render-app'

afterEach(cleanup)

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString()
const loaded = makeTempModel({
  name: 'ollmchat-temp/llama3-oc16384:latest',
  createdAt: minutesAgo(60 * 50),
  lastUsedAt: minutesAgo(5),
  loaded: true,
  inUse: true,
})
const stale = makeTempModel({
  name: 'ollmchat-temp/qwen3-oc8192:8b',
  baseModel: 'qwen3:8b',
  numCtx: 8192,
  stale: 'qwen3:8b was pulled again with other weights.',
  sizeBytes: 5_200_000_000,
})

async function modelsPage(tempModels: TempModelInfo[] = [loaded, stale]) {
  const fake = createFakeBridge()
  let current = tempModels
  fake.handle('tempModels:list', () => ok({ tempModels: current }))
  const app = await renderApp(fake)
  await app.user.click(screen.getByRole('button', { name: 'Models' }))
  return { app, fake, setList: (next: TempModelInfo[]) => (current = next) }
}

const panelToggle = () => screen.getByRole('button', { name: 'Temporary models ollmchat made' })
const row = (name: string) => within(screen.getByRole('listitem', { name }))

describe('the temporary models panel', () => {
  it('is folded until opened, then lists each model with its base, context, times, state and size', async () => {
    const { app, fake } = await modelsPage()
    expect(panelToggle().getAttribute('aria-expanded')).toBe('false')
    expect(fake.callsTo('tempModels:list')).toHaveLength(0)
    await app.user.click(panelToggle())
    expect(panelToggle().getAttribute('aria-expanded')).toBe('true')
    await screen.findByRole('listitem', { name: loaded.name })
    const first = row(loaded.name)
    expect(first.getByText('llama3')).toBeTruthy()
    expect(first.getByText('16K')).toBeTruthy()
    expect(first.getByText('2 days ago')).toBeTruthy()
    expect(first.getByText('5 min ago')).toBeTruthy()
    expect(first.getByText('Loaded')).toBeTruthy()
    expect(first.getByText('In use')).toBeTruthy()
    const second = row('ollmchat-temp/qwen3-oc8192:8b')
    expect(second.getByText('Stale')).toBeTruthy()
    expect(second.getByText('Stale: qwen3:8b was pulled again with other weights.')).toBeTruthy()
    expect(second.getByText('not by ollmchat yet')).toBeTruthy()
    expect(second.getByText('5.2 GB')).toBeTruthy()
  })

  it('cleans up now and shows the report: deleted, kept with reasons, failed, freed disk; then lists again', async () => {
    const { app, fake, setList } = await modelsPage()
    const report: TempCleanupReport = {
      deleted: ['ollmchat-temp/qwen3-oc8192:8b'],
      kept: [{ name: 'ollmchat-temp/llama3-oc16384:latest', reason: 'a reply is using it' }],
      failed: [{ name: 'ollmchat-temp/x-oc2048:latest', error: 'Ollama answered 500.' }],
      freedBytes: 5_200_000_000,
    }
    fake.handle('tempModels:cleanup', () => {
      setList([loaded])
      return ok(report)
    })
    await app.user.click(panelToggle())
    await screen.findByRole('listitem', { name: 'ollmchat-temp/qwen3-oc8192:8b' })
    await app.user.click(screen.getByRole('button', { name: 'Clean up unused now' }))
    expect(
      await screen.findByText('Deleted 1 temporary model, freeing about 5.2 GB: ollmchat-temp/qwen3-oc8192:8b.'),
    ).toBeTruthy()
    expect(screen.getByText('a reply is using it', { exact: false }).textContent).toBe(
      'ollmchat-temp/llama3-oc16384:latest — a reply is using it',
    )
    expect(screen.getByText(/Ollama answered 500\./)).toBeTruthy()
    expect(screen.queryByRole('listitem', { name: 'ollmchat-temp/qwen3-oc8192:8b' })).toBeNull()
  })

  it('removes all only after asking, and says what it does', async () => {
    const { app, fake, setList } = await modelsPage()
    fake.handle('tempModels:removeAll', () => {
      setList([loaded])
      return ok({
        deleted: ['ollmchat-temp/qwen3-oc8192:8b'],
        kept: [{ name: loaded.name, reason: 'a reply is using it' }],
        failed: [],
        freedBytes: 0,
      })
    })
    await app.user.click(panelToggle())
    const opener = screen.getByRole('button', { name: 'Remove all…' })
    await app.user.click(opener)
    const dialog = within(screen.getByRole('dialog', { name: 'Remove all temporary models?' }))
    expect(
      dialog.getByText(
        'This unloads and deletes every temporary model on this host (127.0.0.1:11434), except those a reply is using right now.',
      ),
    ).toBeTruthy()
    expect(dialog.getByText(/before uninstalling ollmchat or switching hosts/)).toBeTruthy()
    await app.user.click(dialog.getByRole('button', { name: 'Cancel' }))
    expect(fake.callsTo('tempModels:removeAll')).toHaveLength(0)
    expect(document.activeElement).toBe(opener)

    await app.user.click(opener)
    await app.user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remove all' }))
    expect(fake.callsTo('tempModels:removeAll')).toHaveLength(1)
    expect(await screen.findByText(/^Deleted 1 temporary model/)).toBeTruthy()
    expect(screen.queryByRole('listitem', { name: 'ollmchat-temp/qwen3-oc8192:8b' })).toBeNull()
  })

  it('lists again when the models change', async () => {
    const { app, fake, setList } = await modelsPage([])
    await app.user.click(panelToggle())
    expect(await screen.findByText('There are none on this host right now.')).toBeTruthy()
    setList([loaded])
    app.emit('models:changed', { models: [makeModel({ name: 'llama3:latest' })], defaultModel: 'llama3:latest' })
    expect(await screen.findByRole('listitem', { name: loaded.name })).toBeTruthy()
    expect(fake.callsTo('tempModels:list').length).toBeGreaterThanOrEqual(2)
  })

  it('says why the list could not be read', async () => {
    const { app, fake } = await modelsPage()
    fake.handle('tempModels:list', () => fail('OLLAMA_UNREACHABLE', 'Nothing answered.'))
    await app.user.click(panelToggle())
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('Ollama is not answering.')
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy()
  })
})
