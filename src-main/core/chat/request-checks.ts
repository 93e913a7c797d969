import type { ConversationSummary } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { HistoryStore } from '../history/history-store'
import type { ActiveReplies } from './active-replies'
import { requireVision } from './message-images'
import type { ReplyConnection } from './reply-runner'

/** A conversation that passed the checks: it has a model to answer with. */
export type CheckedConversation = ConversationSummary & { model: string }

const hasModel = (conversation: ConversationSummary): conversation is CheckedConversation => conversation.model !== null

/**
 * Every check that can refuse a request to reply, so a refusal comes before any write. Each returns the conversation
 * as it stands when the checks passed; the caller must not await between them and starting the reply
 * (`ActiveReplies.track`), or a second request could slip in.
 */
export interface RequestChecks {
  /** Refuses a `requestId` already running, a missing conversation, one without a model, one still answering. */
  conversationOrFail(requestId: string, conversationId: string): CheckedConversation
  /**
   * Refuses images for a model that cannot read them. That may ask Ollama (`/api/show`), so the conversation is
   * checked again after it (the wait let other requests in), and refused if its model changed meanwhile.
   */
  recheckedForImages(
    connection: ReplyConnection,
    requestId: string,
    checked: CheckedConversation,
  ): Promise<CheckedConversation>
}

export function createRequestChecks(deps: { history: HistoryStore; replies: ActiveReplies }): RequestChecks {
  const { history, replies } = deps
  const conversationOrFail = (requestId: string, conversationId: string): CheckedConversation => {
    if (replies.isRunning(requestId)) throw new AppFailure('BUSY', 'That request is already running.')
    const conversation = history.getConversation(conversationId)
    if (!conversation) throw new AppFailure('NOT_FOUND', 'That conversation no longer exists.')
    if (!hasModel(conversation)) throw new AppFailure('INVALID_INPUT', 'Pick a model for this conversation first.')
    replies.refuseWhileAnswering(conversationId)
    return conversation
  }
  return {
    conversationOrFail,
    async recheckedForImages(connection, requestId, checked) {
      const { model } = checked
      requireVision(model, await connection.replyContext.details(model))
      const conversation = conversationOrFail(requestId, checked.id)
      if (conversation.model !== model)
        throw new AppFailure('BUSY', 'The model changed while the images were being checked. Send them again.')
      return conversation
    },
  }
}
