import type { ChatMessage, ConversationSummary, MessageRole, MessageStatus } from '../../../src-shared/types'
import { readConversationOptions, thinkFromStored } from '../../../src-shared/conversation-options'
import { readContext, readError, readNotice, readStats } from './stored-json'

/** A conversation as the summary queries select it (snake_case, as stored). */
export interface ConversationRow {
  id: string
  title: string
  model: string | null
  system_prompt: string
  created_at: string
  updated_at: string
  message_count: number
  preview: string
  last_host: string | null
  /** JSON of the options the user changed, or `NULL` for none. */
  options: string | null
  /** `true`, `false`, a level, or `NULL` for the model's default. */
  think: string | null
}

/** A message as stored; `error`, `stats`, `context` and `notice` are JSON text (see `stored-json.ts`). */
export interface MessageRow {
  id: string
  conversation_id: string
  role: MessageRole
  content: string
  thinking: string
  status: MessageStatus
  model: string | null
  served_by: string | null
  num_ctx: number | null
  error: string | null
  stats: string | null
  context: string | null
  notice: string | null
  created_at: string
  updated_at: string
  parent_id: string | null
  /** `index/count`: its place among the messages of its role under its parent (its versions), oldest first. */
  versions: string
}

// Versions are the messages of one role under one parent: one lookup in the covering index `messages_children` per
// message read gives both numbers as "index/count". The place is counted inside that lookup (`sum`), not as a range on
// `seq`: with a range the planner picks the (conversation_id, seq) index instead, and the read grows with the square
// of the conversation.
const SIBLINGS = `FROM messages s WHERE s.conversation_id = messages.conversation_id AND s.parent_id IS messages.parent_id
  AND s.role = messages.role`

/**
 * The columns every message query returns, in `MessageRow` shape. They name the table `messages` (not an alias), so
 * the same list serves a SELECT and an INSERT or UPDATE … RETURNING.
 */
export const MESSAGE_COLUMNS = `id, conversation_id, role, content, thinking, status, model, served_by, num_ctx, error, stats,
  context, notice, created_at, updated_at, parent_id,
  (SELECT sum(s.seq <= messages.seq) || '/' || count(*) ${SIBLINGS}) AS versions`

/** Summary columns for a query over `conversations c`; the preview is the last non-empty chat text. */
export const CONVERSATION_COLUMNS = `c.id, c.title, c.model, c.system_prompt, c.created_at, c.updated_at, c.last_host, c.options, c.think,
  (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.on_path = 1) AS message_count,
  coalesce((SELECT substr(m.content, 1, 400) FROM messages m
    WHERE m.conversation_id = c.id AND m.on_path = 1 AND m.role <> 'notice' AND m.content <> ''
    ORDER BY m.seq DESC LIMIT 1), '') AS preview`

const PREVIEW_LENGTH = 120

/** One line for the conversation list: whitespace collapsed, cut at a character (not code unit) boundary. */
export function toPreview(text: string): string {
  const characters = Array.from(text.replace(/\s+/g, ' ').trim())
  return characters.length > PREVIEW_LENGTH
    ? `${characters.slice(0, PREVIEW_LENGTH).join('').trimEnd()}…`
    : characters.join('')
}

/** Maps a summary row to the shared DTO, shortening the preview to one line. */
export function toConversationSummary(row: ConversationRow): ConversationSummary {
  return {
    id: row.id,
    title: row.title,
    model: row.model,
    systemPrompt: row.system_prompt,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    messageCount: row.message_count,
    preview: toPreview(row.preview),
    lastHost: row.last_host,
    options: readStoredOptions(row.options),
    think: thinkFromStored(row.think),
  }
}

/** The stored options JSON; unreadable text or entries read as "the model's own". */
function readStoredOptions(text: string | null): ConversationSummary['options'] {
  if (text === null) return {}
  try {
    return readConversationOptions(JSON.parse(text))
  } catch {
    return {}
  }
}

/** Maps a stored message to the shared DTO; malformed JSON in a JSON column reads as `null`. */
export function toChatMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    role: row.role,
    content: row.content,
    thinking: row.thinking,
    status: row.status,
    model: row.model,
    servedBy: row.served_by,
    numCtx: row.num_ctx,
    error: readError(row.error),
    stats: readStats(row.stats),
    context: readContext(row.context),
    notice: readNotice(row.notice),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    parentId: row.parent_id,
    versions: readVersions(row.versions),
  }
}

/** "2/3" as the query writes it. */
function readVersions(text: string): ChatMessage['versions'] {
  const slash = text.indexOf('/')
  return { index: Number(text.slice(0, slash)), count: Number(text.slice(slash + 1)) }
}
