import type { AppError } from '../ipc/result'
import type { ConversationOptions, ThinkSetting } from '../conversation-options'
import type { ContextReport, NoticeInfo } from './context'

/** `notice` messages are the app speaking (e.g. a fallback notice); they are never sent to the model. */
export type MessageRole = 'user' | 'assistant' | 'notice'

/**
 * `streaming` while a reply arrives; `cancelled` when stopped (partial text kept); `error` when Ollama failed;
 * `interrupted` when the app died mid-reply and found the row at the next start.
 */
export type MessageStatus = 'complete' | 'streaming' | 'cancelled' | 'error' | 'interrupted'

/** Numbers Ollama reports at the end of a reply; each may be missing (Ollama omits zero values). */
export interface ReplyStats {
  promptTokens?: number
  replyTokens?: number
  totalMs?: number
  tokensPerSecond?: number
}

export interface ChatMessage {
  id: string
  conversationId: string
  role: MessageRole
  /** Markdown for assistant replies, plain text otherwise. Untrusted when it came from a model. */
  content: string
  /** Reasoning text of thinking models, shown folded. */
  thinking: string
  status: MessageStatus
  /** The model the user chose (as Ollama lists it); `null` for user messages and notices. */
  model: string | null
  /** The model name Ollama actually served the reply with: the temporary model or the base. */
  servedBy: string | null
  /** The context length the reply was requested with, when the user set one. */
  numCtx: number | null
  error: AppError | null
  stats: ReplyStats | null
  /** Assistant replies: the context the reply really ran with; `null` before it ends or for older replies. */
  context: ContextReport | null
  /** Notices: what the notice is about, so the window can offer its actions; `null` for other messages. */
  notice: NoticeInfo | null
  /**
   * User messages: the images sent with it, described only (`conversations:image` reads one), so a page of a long
   * conversation stays small. Absent when it has none.
   */
  images?: MessageImageInfo[]
  createdAt: string
  updatedAt: string
  /** The message this one follows (`null` for the first): a conversation is a tree, and what it shows is one path. */
  parentId: string | null
  /** Its place among its versions: regenerated replies, or edits of a message, share a parent. `{1, 1}` when alone. */
  versions: MessageVersions
}

/** "‹ 2/3 ›": the version shown (1-based, oldest first) and how many there are. */
export interface MessageVersions {
  index: number
  count: number
}

export interface ConversationSummary {
  id: string
  title: string
  /** The conversation's model as Ollama lists it; `null` until one is picked. */
  model: string | null
  systemPrompt: string
  createdAt: string
  /** Time of the last activity; the conversation list is sorted by it, newest first. */
  updatedAt: string
  /** The messages of the path shown (other versions not counted). */
  messageCount: number
  /** The start of the last message, for the list. */
  preview: string
  /** The Ollama host (address) of the conversation's latest reply, or `null` before any. */
  lastHost: string | null
  /** Model options the user changed for this conversation (sent in `options`); `{}` uses the model's own. */
  options: ConversationOptions
  /** The thinking choice sent as `think`; `null` sends nothing (the model's default). */
  think: ThinkSetting | null
}

/** A piece of a search snippet; `match` marks the words that matched. Plain text, never HTML. */
export interface SnippetPart {
  text: string
  match: boolean
}

export interface SearchHit {
  conversationId: string
  conversationTitle: string
  messageId: string
  role: MessageRole
  snippet: SnippetPart[]
  createdAt: string
}

/** One page of search results; `hasMore` says whether there are more, and `next` (then set) is how to ask for them. */
export interface SearchPage {
  hits: SearchHit[]
  hasMore: boolean
  /** Opaque: pass it back as `after` for the next page, which then neither repeats nor skips hits as history grows. */
  next?: string
  /** How many hits the search has in all; on a first page only (later pages leave it out). */
  total?: number
  /** There are more hits than `total`: counting stops at a cap (see `SEARCH_TOTAL_CAP`). */
  moreThanTotal?: boolean
}

/** What a finished turn (send, regenerate, edit) leaves in the conversation. */
export interface ChatTurn {
  conversation: ConversationSummary
  /** The user message sent (or edited); `null` for a regenerate. */
  userMessage: ChatMessage | null
  /** The reply as saved: `complete`, `cancelled` (partial text kept) or `error` (with `error` set). */
  assistantMessage: ChatMessage
  /** Notices added during the turn, e.g. the fallback to the base model. */
  notices: ChatMessage[]
}

/** The stage a reply is in before tokens arrive, shown as an honest status line. */
export type ChatPhase = 'preparing-model' | 'waiting-for-model' | 'streaming' | 'summarizing'

/** One image of a message as stored: its place on the message, the format its bytes are in, and their size. */
export interface MessageImageInfo {
  position: number
  mime: string
  bytes: number
}
