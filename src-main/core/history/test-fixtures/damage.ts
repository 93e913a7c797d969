// Real history files for the damaged-file tests, and the damage a bad disk block or a torn copy does to them.
import { closeSync, fstatSync, openSync, writeSync } from 'node:fs'
import { PNG_1PX } from '../../../test-support/test-images'
import { openHistoryStore } from '../history-store'
import { createSteppingClock } from './clock'

const PAGE = 4096

/** What `writeHistory` wrote, to compare a salvage against. */
export interface WrittenHistory {
  conversations: number
  messages: number
}

/**
 * A history with many pages of rows, closed cleanly (so everything is in the main file): `conversations`
 * conversations of ten exchanges each; every third one has its last reply regenerated (two versions, the old one off
 * the path) and its first question carries an image. Ids and times are fixed, so the file is the same on every run
 * and so is what a given damage destroys.
 */
export function writeHistory(file: string, conversations: number): WrittenHistory {
  let lastId = 0
  const newId = () => `00000000-0000-4000-8000-${(++lastId).toString().padStart(12, '0')}`
  const store = openHistoryStore({ file, now: createSteppingClock().now, newId })
  let messages = 0
  for (let n = 0; n < conversations; n++) {
    const conversation = store.createConversation({ model: 'llama3', title: `Conversation ${n}` })
    for (let m = 0; m < 10; m++) {
      const images = m === 0 && n % 3 === 0 ? [{ mime: 'image/png' as const, data: PNG_1PX }] : []
      store.appendMessage(
        {
          conversationId: conversation.id,
          role: 'user',
          status: 'complete',
          content: `question ${m} of ${n} `.repeat(15),
        },
        images,
      )
      store.appendMessage({
        conversationId: conversation.id,
        role: 'assistant',
        status: 'complete',
        content: `answer ${m} of ${n} `.repeat(15),
      })
      messages += 2
    }
    if (n % 3 === 0) {
      const last = store.listMessages(conversation.id).at(-1)
      if (last === undefined) throw new Error('the conversation has no messages')
      store.appendVersionOf(last.id, {
        conversationId: conversation.id,
        role: 'assistant',
        status: 'complete',
        content: `another answer of ${n}`,
      })
      messages += 1
    }
  }
  store.close()
  return { conversations, messages }
}

/** Overwrites `pages` pages from `fraction` of the file on (0 = the header page) with garbage. */
export function damagePages(file: string, fraction: number, pages: number): void {
  const fd = openSync(file, 'r+')
  try {
    const garbage = Buffer.alloc(pages * PAGE, 0xa5)
    writeSync(fd, garbage, 0, garbage.length, Math.floor((fstatSync(fd).size * fraction) / PAGE) * PAGE)
  } finally {
    closeSync(fd)
  }
}
