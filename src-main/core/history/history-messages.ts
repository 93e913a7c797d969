import type { ChatMessage } from '../../../src-shared/types'
import type { ConversationRepo } from './conversation-repo'
import type { HistoryContext } from './database'
import type { HistoryStore } from './history-store'
import { createImageRepo, type ImageToStore } from './image-repo'
import { createMessageRepo, type NewMessage } from './message-repo'

/** The message half of `HistoryStore`; see there for each method's guarantees. */
export type HistoryMessages = Pick<
  HistoryStore,
  | 'listMessages'
  | 'listNewestMessages'
  | 'listMessageTree'
  | 'getMessage'
  | 'appendMessage'
  | 'readImage'
  | 'imagesOf'
  | 'updateMessage'
  | 'branchFrom'
  | 'appendVersionOf'
  | 'discardFrom'
  | 'showVersion'
  | 'markInterrupted'
>

/**
 * Messages together with their images. Messages come out with `images` described (metadata only); the bytes are
 * read on their own (`image-repo.ts`). A message and its images are written in one transaction, so a failed image
 * never leaves a message that claims it.
 */
export function createHistoryMessages(context: HistoryContext, conversations: ConversationRepo): HistoryMessages {
  const messages = createMessageRepo(context, conversations)
  const images = createImageRepo(context.db)
  const describeOne = (message: ChatMessage | null) =>
    message === null ? null : (images.describe([message])[0] ?? message)
  const appendWithImages = context.db.transaction(
    (input: NewMessage, toStore: readonly ImageToStore[]): ChatMessage => {
      const message = messages.append(input)
      return toStore.length === 0 ? message : { ...message, images: images.save(message.id, toStore) }
    },
  )
  const appendVersion = context.db.transaction(
    (messageId: string, input: NewMessage, toStore: readonly ImageToStore[]): ChatMessage => {
      messages.branchFrom(input.conversationId, messageId)
      return appendWithImages(input, toStore)
    },
  )
  return {
    listMessages: (conversationId) => images.describe(messages.list(conversationId)),
    listNewestMessages(conversationId, request) {
      const page = messages.newest(conversationId, request)
      return { ...page, messages: images.describe(page.messages) }
    },
    listMessageTree: (conversationId) => images.describe(messages.tree(conversationId)),
    getMessage: (id) => describeOne(messages.get(id)),
    appendMessage: (input, toStore = []) => appendWithImages(input, toStore),
    readImage: (messageId, position) => images.read(messageId, position),
    imagesOf: (messageId) => images.all(messageId),
    updateMessage: (id, patch) => describeOne(messages.update(id, patch)),
    branchFrom: (conversationId, messageId) => messages.branchFrom(conversationId, messageId),
    appendVersionOf: (messageId, input, toStore = []) => appendVersion(messageId, input, toStore),
    discardFrom: (conversationId, messageId) => messages.discardFrom(conversationId, messageId),
    showVersion(conversationId, messageId, version) {
      const path = messages.showVersion(conversationId, messageId, version)
      return path === null ? null : images.describe(path)
    },
    markInterrupted: () => messages.markInterrupted(),
  }
}
