import { describe, expect, it } from 'vitest'
import { CHANNELS } from '../../../src-shared/ipc/contract'
import { dataHarnessesPerTest } from '../data/test-fixtures/data-harness'
import { createDispatcher, type Handlers } from '../ipc/dispatch'
import { createMemoryLogger } from '../log'
import { bodyLimitOf } from '../../browser/browser-server'
import { MAX_IMPORT_BYTES } from '../../../src-shared/data-rule'
import { dataHandlers } from './data-handlers'

const unimplemented = () => Promise.reject(new Error('not part of this test'))
const otherHandlers = Object.fromEntries(CHANNELS.map((channel) => [channel, unimplemented])) as unknown as Handlers

const harness = dataHarnessesPerTest()

function dispatcher() {
  const { store, data } = harness()
  return { store, dispatch: createDispatcher({ ...otherHandlers, ...dataHandlers(data) }, createMemoryLogger()) }
}

describe('the data channels', () => {
  it('export a conversation and import the file back as a copy', async () => {
    const { store, dispatch } = dispatcher()
    const conversation = store.createConversation({ model: 'm', title: 'Notes' })
    const exported = await dispatch('data:export', { requestId: 'e1', format: 'json', conversationId: conversation.id })
    expect(exported).toMatchObject({
      ok: true,
      value: { fileName: 'notes.json', mime: 'application/json', conversations: 1 },
    })
    const text = exported.ok ? exported.value.text : ''
    expect(await dispatch('data:import', { requestId: 'i1', text })).toMatchObject({ ok: true, value: { copies: 1 } })
  })

  it('refuse what the schema does not allow, and a conversation that is gone', async () => {
    const { dispatch } = dispatcher()
    expect(await dispatch('data:export', { requestId: 'e1', format: 'pdf' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await dispatch('data:export', { requestId: 'e1', format: 'json', conversationId: 'gone' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'That conversation no longer exists.' },
    })
    expect(await dispatch('data:import', { requestId: 'i1', text: 'nope' })).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'The file is not JSON, so it is neither an ollmchat export nor an Open WebUI chat export.',
      },
    })
  })

  it('let the largest file through browser mode even when JSON escaping doubles it', () => {
    const envelope = JSON.stringify({ requestId: 'i1', text: '' }).length
    expect(bodyLimitOf('data:import')).toBeGreaterThanOrEqual(2 * MAX_IMPORT_BYTES + envelope)
    expect(bodyLimitOf('conversations:list')).toBe(2 * 1024 * 1024)
  })
})
