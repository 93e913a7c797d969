import { expect, it } from 'vitest'
import { makeContext, makeMessage } from '../../test-support/fixtures'
import { listLandmarks } from './list-landmarks'

const conversation = [
  ...Array.from({ length: 8 }, (_, index) =>
    makeMessage({
      id: `m${index}`,
      conversationId: 'c1',
      role: index % 2 === 0 ? 'user' : 'assistant',
      content: `text ${index}`,
    }),
  ),
  makeMessage({ id: 'u-last', conversationId: 'c1', role: 'user', content: 'And now?' }),
  makeMessage({
    id: 'a-last',
    conversationId: 'c1',
    role: 'assistant',
    content: 'Answer',
    context: makeContext({ truncated: true, droppedMessages: 6 }),
  }),
]

it('puts the "no longer sees" divider where the count of dropped messages from the first one says', () => {
  expect(listLandmarks(conversation, true).firstSeenId).toBe('m6')
})

it('leaves the divider out while only the newest messages are loaded: counted from them it would land too low', () => {
  const newest = conversation.slice(4)
  expect(listLandmarks(newest, false)).toMatchObject({ firstSeenId: null, lastReplyId: 'a-last' })
})
