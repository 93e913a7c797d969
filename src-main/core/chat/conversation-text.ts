import type { ChatMessage } from '../../../src-shared/types'
import { DEFAULT_TITLE } from '../history/history-store'
import type { ChatMessageIn } from '../ollama/client'
import { isSentToModel } from '../../../src-shared/prompt-rule'

const TITLE_LIMIT = 60

/**
 * A conversation's title from its first message: the first line, whitespace collapsed, cut at a word near 60
 * characters. Asking the model for a title would cost a request on the same weights (and, with a different
 * `num_ctx`, a model reload), so the app does not.
 */
export function titleFromMessage(text: string): string {
  const firstLine = text.trim().split('\n', 1)[0] ?? ''
  const collapsed = firstLine.replace(/\s+/g, ' ').trim()
  if (collapsed.length === 0) return DEFAULT_TITLE
  if (collapsed.length <= TITLE_LIMIT) return collapsed
  const cut = collapsed.slice(0, TITLE_LIMIT)
  const lastSpace = cut.lastIndexOf(' ')
  return `${(lastSpace > TITLE_LIMIT / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`
}

/** One message of a prompt, with the stored message it came from (`null` for the system prompt). */
export interface PromptEntry {
  message: ChatMessageIn
  source: ChatMessage | null
}

/** Reads the images of a stored message as base64 (`HistoryStore.imagesOf`). */
export type ImageReader = (messageId: string) => string[]

/**
 * What Ollama is sent for a reply: the system prompt, then every earlier message `isSentToModel` accepts, each user
 * message with its images (`images`, base64, as `api.Message.Images` takes them; Ollama places them before the
 * text, `server/prompt.go` `imageTaggedMessages`). Each entry keeps its stored message, so what Ollama reports can
 * be matched against what was sent. Without `readImages` (a summary, a model without vision) images are left out,
 * so the estimate (`promptParts`) counts only the images sent.
 */
export function promptEntries(
  systemPrompt: string,
  history: readonly ChatMessage[],
  readImages?: ImageReader,
): PromptEntry[] {
  const entries: PromptEntry[] = []
  if (systemPrompt.trim().length > 0) entries.push({ message: { role: 'system', content: systemPrompt }, source: null })
  for (const message of history) {
    if (!isSentToModel(message)) continue
    const images = message.role === 'user' && (message.images?.length ?? 0) > 0 ? (readImages?.(message.id) ?? []) : []
    const role = message.role === 'user' ? 'user' : 'assistant'
    entries.push({
      message: images.length > 0 ? { role, content: message.content, images } : { role, content: message.content },
      source: message,
    })
  }
  return entries
}

/** The messages of `promptEntries` alone. */
export function promptMessages(systemPrompt: string, history: readonly ChatMessage[]): ChatMessageIn[] {
  return promptEntries(systemPrompt, history).map((entry) => entry.message)
}
