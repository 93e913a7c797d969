/**
 * The single IPC contract. The preload, main's handlers, the browser-mode server and the renderer are all
 * typed from these maps; adding a channel means adding it here and fixing the compile errors that follow.
 * Inputs are one JSON-safe object each, so Electron's structured clone and browser mode's JSON agree.
 */
import type {
  AppInfo,
  ChatMessage,
  ChatPhase,
  ChatTurn,
  ConversationSummary,
  MemoryEstimate,
  ModelInfo,
  ModelListing,
  OllamaStatus,
  SearchHit,
  Settings,
  SettingsPatch,
  ThemePreference,
} from '../types'

type None = Record<string, never>

/** Request channels: what the renderer may ask main, with the input it sends and the value it gets back. */
export interface RequestMap {
  'app:getInfo': { in: None; out: AppInfo }

  'ollama:getStatus': { in: None; out: OllamaStatus }
  /** Checks the host now instead of waiting for the next automatic check. */
  'ollama:checkNow': { in: None; out: OllamaStatus }

  /**
   * Installed models, never a temporary `ollmchat-temp/` model, and the model a new conversation starts with
   * (`defaultModel`: the Settings default when it is installed and can chat, else the first that can; `null` when
   * none can). Windows show this default instead of choosing their own, so every window agrees.
   */
  'models:list': { in: None; out: ModelListing }
  /** Sets (or with `null` resets) the user's `num_ctx` for a model; used from the next message on. */
  'models:setNumCtx': { in: { model: string; numCtx: number | null }; out: { model: ModelInfo } }
  /**
   * Reads Ollama's model list and loaded models again now; when anything changed, `models:changed` goes to every
   * window. Windows call it on focus and every few seconds while visible.
   */
  'models:refresh': { in: None; out: { changed: boolean } }
  /** The memory a model would need at a context length (weights plus f16 KV cache), from `/api/show`. */
  'models:estimateMemory': { in: { model: string; numCtx: number }; out: MemoryEstimate }

  'settings:get': { in: None; out: Settings }
  'settings:update': { in: SettingsPatch; out: Settings }

  /** Conversations, newest activity first (deleted ones excluded). */
  'chats:list': { in: None; out: { conversations: ConversationSummary[] } }
  /**
   * A new conversation. With `model: null` the core picks the default: the Settings default when it is installed
   * and can chat, else the first installed model that can (or none when Ollama cannot be asked).
   */
  'chats:create': { in: { model: string | null; systemPrompt?: string }; out: ConversationSummary }
  'chats:get': { in: { conversationId: string }; out: { conversation: ConversationSummary; messages: ChatMessage[] } }
  'chats:update': {
    in: { conversationId: string; title?: string; model?: string | null; systemPrompt?: string }
    out: ConversationSummary
  }
  /** Moves a conversation out of the list; `chats:restore` brings it back (the undo of the toast). */
  'chats:delete': { in: { conversationId: string }; out: { deleted: boolean } }
  'chats:restore': { in: { conversationId: string }; out: ConversationSummary }
  /** Full-text search over every message of every conversation. */
  'chats:search': { in: { query: string; limit?: number }; out: { hits: SearchHit[] } }

  /**
   * Sends a user message and streams the reply (`chat:started`, `chat:progress`, `chat:delta`, `chat:notice`
   * for `requestId`); resolves when the turn has ended and been saved, whether it completed, was cancelled or
   * failed (see `ChatTurn.assistantMessage.status`). Fails only when nothing was saved.
   */
  'chat:send': { in: { requestId: string; conversationId: string; text: string }; out: ChatTurn }
  /** Replaces the last reply with a new one. */
  'chat:regenerate': { in: { requestId: string; conversationId: string }; out: ChatTurn }
  /** Rewrites an earlier user message, drops everything after it and answers again. */
  'chat:editAndResend': {
    in: { requestId: string; conversationId: string; messageId: string; text: string }
    out: ChatTurn
  }
  /**
   * Has the conversation's model write a summary of it (progress as `chat:progress`, phase `summarizing`;
   * `chat:cancel` stops it) and starts a new conversation from that summary. Resolves with the new conversation.
   */
  'chats:continueFromSummary': { in: { requestId: string; conversationId: string }; out: ConversationSummary }
  /** Stops a reply; the partial text is kept. Cancelling a finished request is not an error. */
  'chat:cancel': { in: { requestId: string }; out: { cancelled: boolean } }
}

/** Events main pushes to the renderer. */
export interface EventMap {
  'ollama:status': OllamaStatus
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
  /** A notice added to the conversation, e.g. the fallback to the base model. */
  'chat:notice': { requestId: string; conversationId: string; message: ChatMessage }
  /** Installed or loaded models changed (a pull, a removal, a load or unload, a new setting): the new list. */
  'models:changed': ModelListing
  /** The theme the settings now ask for (so every window follows a change). */
  'settings:theme': { theme: ThemePreference }
}

export type Channel = keyof RequestMap
export type EventName = keyof EventMap
export type In<C extends Channel> = RequestMap[C]['in']
export type Out<C extends Channel> = RequestMap[C]['out']

// Typed as Record<…, true> so that the compiler rejects a missing or an extra name.
const channelNames: Record<Channel, true> = {
  'app:getInfo': true,
  'ollama:getStatus': true,
  'ollama:checkNow': true,
  'models:list': true,
  'models:setNumCtx': true,
  'models:refresh': true,
  'models:estimateMemory': true,
  'settings:get': true,
  'settings:update': true,
  'chats:list': true,
  'chats:create': true,
  'chats:get': true,
  'chats:update': true,
  'chats:delete': true,
  'chats:restore': true,
  'chats:search': true,
  'chats:continueFromSummary': true,
  'chat:send': true,
  'chat:regenerate': true,
  'chat:editAndResend': true,
  'chat:cancel': true,
}
const eventNames: Record<EventName, true> = {
  'ollama:status': true,
  'chat:started': true,
  'chat:progress': true,
  'chat:delta': true,
  'chat:notice': true,
  'models:changed': true,
  'settings:theme': true,
}

/** Every request channel, in contract order. */
export const CHANNELS = Object.keys(channelNames) as readonly Channel[]
/** Every event name, in contract order. */
export const EVENTS = Object.keys(eventNames) as readonly EventName[]

export const isChannel = (name: string): name is Channel => Object.hasOwn(channelNames, name)
export const isEventName = (name: string): name is EventName => Object.hasOwn(eventNames, name)
