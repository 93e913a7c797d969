import type { ChatMessage } from '../../../src-shared/types'
import type { ConversationRepo } from './conversation-repo'
import type { HistoryContext } from './database'
import { createAppendMessage, type NewMessage } from './message-append'
import { createPlaceOnPath } from './message-place'
import { createMessageReads, type MessageReads } from './message-reads'
import { createMessageUpdates, type MessageUpdates } from './message-update'
import { createVersionEdits, type VersionEdits } from './message-versions'

export type { NewMessage } from './message-append'
export type { MessagePage, MessagePageRequest, TreeMessage } from './message-reads'
export type { MessagePatch } from './message-update'

/** Messages table access; see `HistoryStore` for each method's guarantees. */
export interface MessageRepo extends MessageReads, MessageUpdates, VersionEdits {
  append(input: NewMessage): ChatMessage
}

/**
 * Prepares the message statements once, in parts by what they do to the table: reads, appends, in-place updates
 * and path (version) edits. Reads and path edits share one lookup of a message's place on the path.
 */
export function createMessageRepo(context: HistoryContext, conversations: ConversationRepo): MessageRepo {
  const placeOnPath = createPlaceOnPath(context.db)
  return {
    ...createMessageReads(context.db, placeOnPath),
    ...createMessageUpdates(context),
    ...createVersionEdits(context.db, placeOnPath),
    append: createAppendMessage(context, conversations),
  }
}
