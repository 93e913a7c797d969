import { describe, expect, it } from 'vitest'
import type { ExportDocument, ExportedMessage } from './export-format'
import { dataHarnessesPerTest } from './test-fixtures/data-harness'
import { exportedMessage } from './test-fixtures/exported-message'

const harness = dataHarnessesPerTest()

const TIME = '2025-03-01T10:00:00.000Z'
const message = (
  id: string,
  parentId: string | null,
  role: 'user' | 'assistant',
  onPath: boolean,
  pathStamp: number,
): ExportedMessage => exportedMessage({ id, parentId, role, onPath, pathStamp, content: id, createdAt: TIME })

/**
 * A question with two replies (the second shown); under the first reply, two versions of a follow-up whose path stamps
 * are equal, which ollmchat never writes itself but a file may hold.
 */
const tiedFile = (): ExportDocument => ({
  format: 'ollmchat-export',
  version: 1,
  exportedAt: TIME,
  app: 'ollmchat 9.9.9',
  conversations: [
    {
      id: 'c1',
      title: 'Tie',
      model: 'm',
      systemPrompt: '',
      createdAt: TIME,
      updatedAt: TIME,
      lastHost: null,
      options: {},
      think: null,
      messages: [
        message('q', null, 'user', true, 1),
        message('r1', 'q', 'assistant', false, 2),
        message('f1', 'r1', 'user', false, 3),
        message('f2', 'r1', 'user', false, 3),
        message('r2', 'q', 'assistant', true, 4),
      ],
    },
  ],
})

describe('path stamps tied among versions in an imported file', () => {
  it('lead to the same branch every time: the one later in the file, as `path_stamp DESC, seq DESC` orders them', async () => {
    const { store, data } = harness()
    const text = JSON.stringify(tiedFile())
    const [original = ''] = (await data.importData({ requestId: 'r', text })).conversationIds
    const [copy = ''] = (await data.importData({ requestId: 'r', text })).conversationIds
    for (const conversationId of [original, copy]) {
      const shownReply = store.listMessages(conversationId)[1]?.id ?? ''
      const path = store.showVersion(conversationId, shownReply, 1)
      expect(store.listMessages(conversationId).map((shown) => shown.content)).toEqual(['q', 'r1', 'f2'])
      expect(path?.map((shown) => shown.content)).toEqual(['r1', 'f2'])
    }
  })
})
