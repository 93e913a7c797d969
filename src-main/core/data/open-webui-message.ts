import type { ReplyStats } from '../../../src-shared/types'
import { isRecord } from '../guards'
import { plainIso } from './plain-iso'

/**
 * Reading one Open WebUI message's fields. Shapes from Open WebUI's source: `src/lib/components/chat/Chat.svelte`
 * (`submitPrompt` builds the user message `{ id, parentId, childrenIds, role, content, files, timestamp, models }`,
 * `sendPrompt` the reply `{ id, parentId, childrenIds, role: 'assistant', content, model, modelName, timestamp }`,
 * `handleOpenAIError` sets `error: { content }` and `done`, the stream handler `usage`), with `timestamp` in seconds.
 */

/**
 * Open WebUI keeps a model's reasoning inside the reply, as `<details type="reasoning" done="true" duration="3">`
 * with a `<summary>` and the thinking quoted line by line (`backend/open_webui/utils/middleware.py` writes it;
 * `Chat.svelte` strips it before sending with `removeDetailsWithReasoning`). Here it becomes the message's thinking.
 */
const REASONING_BLOCK = /<details\s+type="reasoning"[^>]*>([\s\S]*?)<\/details>\s*/g
// Newer versions escape the quoted thinking as HTML (`&gt; …`); these are the entities Python's `html.escape` writes.
const ENTITIES: Record<string, string> = { '&gt;': '>', '&lt;': '<', '&quot;': '"', '&#x27;': "'", '&amp;': '&' }
const unescapeHtml = (text: string) =>
  text.replace(/&(?:gt|lt|quot|#x27|amp);/g, (entity) => ENTITIES[entity] ?? entity)

export function splitReasoning(content: string): { content: string; thinking: string } {
  const thoughts: string[] = []
  const rest = content.replace(REASONING_BLOCK, (_block, inner: string) => {
    const text = unescapeHtml(inner.replace(/<summary>[\s\S]*?<\/summary>/, ''))
      .split('\n')
      .map((line) => line.replace(/^>\s?/, ''))
      .join('\n')
      .trim()
    if (text !== '') thoughts.push(text)
    return ''
  })
  return { content: rest.trim(), thinking: thoughts.join('\n\n') }
}

/** Text of `content`: a string, or OpenAI-style parts (`[{ type: 'text', text }]`) of which the text is kept. */
export function contentText(value: unknown): string {
  if (typeof value === 'string') return value
  if (!Array.isArray(value)) return ''
  return value
    .filter(
      (part): part is { type: string; text: string } =>
        isRecord(part) && part.type === 'text' && typeof part.text === 'string',
    )
    .map((part) => part.text)
    .join('\n\n')
}

/** The last moment `toISOString` writes in its plain form; later years become `+010000-…`, which sorts wrongly as text. */
/**
 * An epoch time as ISO (`toISOString`, the one form the history compares as text): Open WebUI writes seconds
 * (messages, `created_at`), milliseconds (`chat.timestamp`), and in newer versions some nanoseconds; the size of the
 * number tells which. `null` for what is no time, or one past the year 9999.
 */
export function epochToIso(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return null
  const ms = Math.round(value > 1e17 ? value / 1e6 : value > 1e11 ? value : value * 1000)
  return plainIso(ms)
}

const numberAt = (record: Record<string, unknown>, ...keys: string[]): number | undefined => {
  for (const key of keys) {
    const value = record[key]
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value
  }
  return undefined
}

/**
 * Reply figures from `usage` (or the older `info`): Ollama's own names when Open WebUI passed them through
 * (`prompt_eval_count`, `eval_count`, `total_duration` in ns, `response_token/s`), else OpenAI's token counts.
 */
export function statsOf(message: Record<string, unknown>): ReplyStats | null {
  const usage = isRecord(message.usage) ? message.usage : isRecord(message.info) ? message.info : null
  if (usage === null) return null
  const stats: ReplyStats = {}
  const promptTokens = numberAt(usage, 'prompt_eval_count', 'prompt_tokens')
  const replyTokens = numberAt(usage, 'eval_count', 'completion_tokens')
  const totalNs = numberAt(usage, 'total_duration')
  const rate = numberAt(usage, 'response_token/s')
  if (promptTokens !== undefined) stats.promptTokens = promptTokens
  if (replyTokens !== undefined) stats.replyTokens = replyTokens
  if (totalNs !== undefined) stats.totalMs = Math.round(totalNs / 1e6)
  if (rate !== undefined) stats.tokensPerSecond = rate
  return Object.keys(stats).length === 0 ? null : stats
}

/** The error text Open WebUI saved on a failed reply (`error: { content }`, or a plain string), or `null`. */
export function errorTextOf(message: Record<string, unknown>): string | null {
  const error = message.error
  if (typeof error === 'string' && error.trim() !== '') return error.trim()
  if (isRecord(error) && typeof error.content === 'string' && error.content.trim() !== '') return error.content.trim()
  return error === true ? 'The reply failed in Open WebUI.' : null
}

/** `data:image/png;base64,…` → the base64, or `null` for anything else (a link to a file on the Open WebUI server). */
export function dataUrlBase64(url: unknown): string | null {
  if (typeof url !== 'string') return null
  const match = /^data:image\/[a-z0-9.+-]+;base64,(.*)$/is.exec(url)
  return match?.[1] ?? null
}
