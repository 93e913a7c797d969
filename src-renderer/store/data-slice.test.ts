import { afterEach, describe, expect, it, vi } from 'vitest'
import { fail, ok } from '../../src-shared/ipc/result'
import type { ImportReport } from '../../src-shared/types'
import { importReportText, progressText } from '../lib/data-text'
import { deferred } from '../test-support/fake-bridge'
import { makeConversation } from '../test-support/fixtures'
import { createStoreHarness } from '../test-support/store-harness'

afterEach(() => vi.restoreAllMocks())

const REPORT: ImportReport = {
  source: 'open-webui',
  conversations: 2,
  messages: 9,
  images: 1,
  copies: 0,
  imagesLeftOut: 1,
  conversationIds: ['c1', 'c2'],
}

describe('the data slice', () => {
  it('follows the progress of its own import, reads the file, and reloads the conversation list', async () => {
    const harness = createStoreHarness()
    const answer = deferred<ReturnType<typeof ok<ImportReport>>>()
    harness.fake.handle('data:import', () => answer.promise)
    harness.fake.handle('conversations:list', () => ok({ conversations: [makeConversation({ id: 'c1' })] }))
    const importing = harness.store.getState().importFile(new File(['[{"chat":{"history":{}}}]'], 'chats.json'))
    await vi.waitFor(() => expect(harness.fake.callsTo('data:import')).toHaveLength(1))
    const { requestId, text } = harness.fake.callsTo('data:import')[0] ?? { requestId: '', text: '' }
    expect(text).toBe('[{"chat":{"history":{}}}]')
    harness.fake.emit('data:progress', {
      requestId: 'someone-else',
      operation: 'import',
      phase: 'saving',
      done: 1,
      total: 9,
    })
    harness.fake.emit('data:progress', { requestId, operation: 'import', phase: 'checking', done: 1, total: 2 })
    expect(harness.store.getState().dataTask?.progress).toMatchObject({ phase: 'checking', done: 1, total: 2 })
    answer.resolve(ok(REPORT))
    expect(await importing).toEqual({ ok: true, report: REPORT })
    expect(harness.store.getState().dataTask).toBeNull()
    expect(harness.store.getState().conversations.map((conversation) => conversation.id)).toEqual(['c1'])
  })

  it('takes in conversations an import in another window added, once each, newest first', () => {
    const harness = createStoreHarness()
    harness.store.setState({ conversations: [makeConversation({ id: 'mine', updatedAt: '2025-02-01T00:00:00.000Z' })] })
    const imported = [
      makeConversation({ id: 'old', updatedAt: '2024-01-01T00:00:00.000Z' }),
      makeConversation({ id: 'new', updatedAt: '2025-05-01T00:00:00.000Z' }),
    ]
    harness.fake.emit('conversations:imported', { conversations: imported })
    harness.fake.emit('conversations:imported', { conversations: imported })
    expect(harness.store.getState().conversations.map((conversation) => conversation.id)).toEqual([
      'new',
      'mine',
      'old',
    ])
  })

  it('refuses a file over the bound without reading it, and passes main’s refusal on', async () => {
    const harness = createStoreHarness()
    const huge = new File(['x'], 'huge.json')
    Object.defineProperty(huge, 'size', { value: 300 * 1024 * 1024 })
    expect(await harness.store.getState().importFile(huge)).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'The file is 300 MB; ollmchat imports files of up to 200 MB.' },
    })
    expect(harness.fake.callsTo('data:import')).toEqual([])
    harness.fake.handle('data:import', () => fail('INVALID_INPUT', 'The file holds no conversations.'))
    expect(await harness.store.getState().importFile(new File(['[]'], 'empty.json'))).toMatchObject({
      ok: false,
      error: { message: 'The file holds no conversations.' },
    })
  })

  it('saves an export as a download named by main', async () => {
    const harness = createStoreHarness()
    harness.fake.handle('data:export', () =>
      ok({ fileName: 'trip.md', mime: 'text/markdown', text: '# Trip\n', conversations: 1 }),
    )
    const clicked: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download)
    })
    URL.createObjectURL = vi.fn(() => 'blob:x')
    URL.revokeObjectURL = vi.fn()
    expect(await harness.store.getState().exportData('markdown', 'c1')).toBeNull()
    expect(harness.fake.callsTo('data:export')[0]).toMatchObject({ format: 'markdown', conversationId: 'c1' })
    expect(clicked).toEqual(['trip.md'])
  })
})

describe('what the window says about data', () => {
  it('sums up an import in sentences', () => {
    expect(importReportText(REPORT)).toBe(
      'Imported 2 conversations (9 messages, 1 image) from Open WebUI. 1 image stayed behind: Open WebUI kept it on its server, not in the file.',
    )
    expect(
      importReportText({
        ...REPORT,
        source: 'ollmchat',
        conversations: 1,
        messages: 1,
        images: 0,
        copies: 1,
        imagesLeftOut: 0,
      }),
    ).toBe('Imported 1 conversation (1 message). One was already here, so it came in as a copy.')
  })

  it('counts progress in conversations', () => {
    expect(progressText('import', { requestId: 'r', operation: 'import', phase: 'saving', done: 3, total: 10 })).toBe(
      'Saving 3 of 10 conversations…',
    )
    expect(progressText('export', null)).toBe('Exporting…')
  })
})
