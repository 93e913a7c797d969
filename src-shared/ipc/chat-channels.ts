/**
 * The conversation and chat channels of the IPC contract (`contract.ts` joins them with the rest). Names read apart:
 * `conversations:*` for the list and what is stored (create, get, rename, delete, search, versions shown), `chat:*`
 * for turns (send, regenerate, edit and resend, stop, and the events that stream a reply to the windows).
 */
import type { ConversationOptions, ThinkSetting } from '../conversation-options'
import type { ChatMessage, ChatPhase, ChatTurn, ConversationSummary, SearchPage } from '../types'

type None = Record<string, never>

/** Requests about conversations and replies; see `RequestMap`. */
export interface ChatRequests {
  /** Conversations, newest activity first (deleted ones excluded). */
  'conversations:list': { in: None; out: { conversations: ConversationSummary[] } }
  /**
   * A new conversation. With `model: null` the core picks the default: the Settings default when it is installed
   * and can chat, else the first installed model that can (or none when Ollama cannot be asked).
   */
  'conversations:create': { in: { model: string | null; systemPrompt?: string }; out: ConversationSummary }
  /**
   * A conversation and its messages in conversation order: all of them, or, with `limit` or `before`, one page: the
   * newest `limit` (`MAX_MESSAGE_PAGE` at most and by default) of those before the message `before` (or of all), with
   * `hasOlder` saying whether more precede them. `conversation.messageCount` is the total. A `before` that is not a
   * message of the conversation fails with `NOT_FOUND`.
   */
  'conversations:get': {
    in: { conversationId: string; limit?: number; before?: string }
    out: { conversation: ConversationSummary; messages: ChatMessage[]; hasOlder?: boolean }
  }
  /**
   * `options` replaces every option the conversation sets (`{}`: all the model's own); `think: null` sends no `think`.
   * A new model without `think` resets the thinking choice.
   */
  'conversations:update': {
    in: {
      conversationId: string
      title?: string
      model?: string | null
      systemPrompt?: string
      options?: ConversationOptions
      think?: ThinkSetting | null
    }
    out: ConversationSummary
  }
  /** Moves a conversation out of the list; `conversations:restore` brings it back (the undo of the toast). */
  'conversations:delete': { in: { conversationId: string }; out: { deleted: boolean } }
  'conversations:restore': { in: { conversationId: string }; out: ConversationSummary }
  /** One stored image of a message (`ChatMessage.images`), as base64; `NOT_FOUND` when it is not there. */
  'conversations:image': { in: { messageId: string; position: number }; out: { mime: string; data: string } }
  /** Full-text search over every message of every conversation, one page at a time (`after` the page's `next`). */
  'conversations:search': { in: { query: string; limit?: number; offset?: number; after?: string }; out: SearchPage }

  /**
   * Sends a user message and streams the reply (`chat:started`, `chat:progress`, `chat:delta`, `chat:notice`
   * for `requestId`); resolves when the turn has ended and been saved, whether it completed, was cancelled or
   * failed (see `ChatTurn.assistantMessage.status`). Fails only when nothing was saved.
   */
  /**
   * `images`: base64 files (PNG, JPEG, WebP or GIF by their bytes), for a model with the `vision` capability; a
   * message with an image that is not one, too large or too many, or for a model that cannot read images, is refused
   * before anything is saved.
   */
  'chat:send': { in: { requestId: string; conversationId: string; text: string; images?: string[] }; out: ChatTurn }
  /**
   * Answers the last user message again: the new reply is a new version beside the last one, which stays (a failed or
   * stopped reply without any text is dropped instead).
   */
  'chat:regenerate': { in: { requestId: string; conversationId: string }; out: ChatTurn }
  /**
   * Sends a new version of an earlier user message and answers it; the original and everything after it stay as the
   * previous version.
   */
  'chat:editAndResend': {
    in: { requestId: string; conversationId: string; messageId: string; text: string }
    out: ChatTurn
  }
  /**
   * Has the conversation's model write a summary of it (progress as `chat:progress`, phase `summarizing`;
   * `chat:cancel` stops it) and starts a new conversation from that summary. Resolves with the new conversation.
   */
  'conversations:continueFromSummary': { in: { requestId: string; conversationId: string }; out: ConversationSummary }
  /**
   * Shows version `version` (1-based, oldest first) of a message on the conversation's path; below it, the path follows
   * the messages that version was last shown with. `messages` is the new path from that version on (empty when it was
   * already shown). Refused (`BUSY`) while the conversation is answering.
   */
  'conversations:showVersion': {
    in: { conversationId: string; messageId: string; version: number }
    out: { conversation: ConversationSummary; messages: ChatMessage[]; changed: boolean }
  }
  /**
   * Stops a reply (or a summary) by its request, or whatever the conversation is running, from any window; the partial
   * text is kept. Cancelling a finished request is not an error.
   */
  'chat:cancel': { in: { requestId: string } | { conversationId: string }; out: { cancelled: boolean } }
  /**
   * The replies running right now, whichever window started them: a window that opens or reloads asks once, then
   * follows `chat:started` and `chat:ended`.
   */
  'chat:running': { in: None; out: { replies: RunningReply[] } }
}

/** A reply in progress as every window may know it (`chat:running`). */
export interface RunningReply {
  requestId: string
  conversationId: string
  assistantMessageId: string
  /** What it waits for or does, with the line the window shows; `null` until the first `chat:progress`. */
  phase: ChatPhase | null
  progressText: string | null
}

/** Events of a reply and of the conversation it is in; see `EventMap`. */
export interface ChatEvents {
  /**
   * The turn's messages exist in the store; deltas for `assistantMessage.id` follow. `conversation` is its
   * summary at that moment (new title, new activity time), so the list can update before the reply ends.
   */
  'chat:started': {
    requestId: string
    conversationId: string
    conversation: ConversationSummary
    userMessage: ChatMessage | null
    assistantMessage: ChatMessage
  }
  /** An honest line about what the reply is waiting for, e.g. "Preparing llama3 with a 16K context…". */
  'chat:progress': { requestId: string; conversationId: string; phase: ChatPhase; text: string }
  /** Text appended to the reply since the previous delta (coalesced in main). */
  'chat:delta': { requestId: string; messageId: string; content: string; thinking: string }
  /**
   * A reply ended and was saved (`turn`, as `chat:send` resolves with it), whichever window started it, so every
   * window drops its in-flight state and shows the saved reply. `turn` is `null` when nothing could be saved (the
   * conversation was deleted meanwhile). The conversation takes a new message from here on.
   */
  'chat:ended': { requestId: string; conversationId: string; turn: ChatTurn | null }
  /** A notice added to the conversation, e.g. the fallback to the base model. */
  'chat:notice': { requestId: string; conversationId: string; message: ChatMessage }
  /**
   * A window showed another version of a message (`conversations:showVersion`): from `replacedId` on, the conversation's path is
   * now `messages`, for every window showing it.
   */
  'conversations:versionShown': {
    conversationId: string
    replacedId: string
    conversation: ConversationSummary
    messages: ChatMessage[]
  }
}
