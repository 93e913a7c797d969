import type { ChatMessage } from '../../src-shared/types'
import { sameMessage } from './message-list'

/** A conversation's messages after a page of its newest ones arrived, and whether older ones are still to fetch. */
export interface MergedNewest {
  list: ChatMessage[]
  hasOlderToFetch: boolean
}

/**
 * Puts a page of a conversation's newest messages in place of the end of what the store held. Messages before the
 * page's first cannot have changed since they were fetched (an edit or a regenerate only drops and adds after
 * themselves), so they are kept; where the page does not meet them (more changed than a page holds, or nothing was
 * held) the page replaces everything and the older messages are fetched again. A message equal to the held copy
 * keeps the held object, so what did not change does not render again.
 */
export function mergeNewest(
  held: readonly ChatMessage[] | undefined,
  heldHasOlderToFetch: boolean,
  page: readonly ChatMessage[],
  pageHasOlder: boolean,
): MergedNewest {
  if (held === undefined) return { list: [...page], hasOlderToFetch: pageHasOlder }
  // A page without older messages is the whole conversation: it starts where the held list does.
  const first = page[0]
  const start = pageHasOlder && first !== undefined ? held.findIndex((message) => message.id === first.id) : 0
  if (start < 0) return { list: [...page], hasOlderToFetch: true }
  const newest = page.map((message, offset) => {
    const heldCopy = held[start + offset]
    return heldCopy !== undefined && heldCopy.id === message.id && sameMessage(heldCopy, message) ? heldCopy : message
  })
  return { list: [...held.slice(0, start), ...newest], hasOlderToFetch: pageHasOlder && heldHasOlderToFetch }
}

/**
 * Puts older messages before what the store holds, if it still begins with the message they were fetched as older
 * than (`before`); `null` when it no longer does (an edit, a regenerate or a refresh changed its start meanwhile),
 * and they must be fetched again before its new first message. Whatever arrived at the end meanwhile (a streamed
 * reply, a new message) stays as it is.
 */
export function prependOlder(
  held: readonly ChatMessage[],
  before: string,
  older: readonly ChatMessage[],
): ChatMessage[] | null {
  if (held[0]?.id !== before) return null
  return [...older, ...held]
}
