import type { ConversationOptions, ThinkSetting } from '../../../src-shared/conversation-options'
import { formatBytes, shortModelName } from '../../../src-shared/format'
import type { ChatMessage, ConversationSummary, MessageImageInfo } from '../../../src-shared/types'
import { closeOpenFence } from './markdown-fence'

/**
 * A conversation as Markdown, for reading and sharing: the path it shows (other versions are in the JSON export),
 * with its title, model, system prompt and settings, then each message under a heading with its role and time.
 * Thinking is folded in a `<details>` block, notices and failures are quotes. Images are a one-line note, not data
 * URIs: a 10 MB image would be 13 MB of base64 in the middle of the text, which editors choke on and many Markdown
 * viewers refuse to show anyway; the JSON export carries the bytes.
 */
export function conversationToMarkdown(conversation: ConversationSummary, path: readonly ChatMessage[]): string {
  const blocks = [`# ${oneLine(conversation.title)}`, facts(conversation)]
  if (conversation.systemPrompt.trim() !== '') blocks.push(`**System prompt**\n\n${quote(conversation.systemPrompt)}`)
  for (const message of path) blocks.push(messageBlock(message))
  return `${blocks.join('\n\n')}\n`
}

/** Several conversations in one file, one after another. */
export const joinMarkdown = (conversations: readonly string[]): string => conversations.join('\n---\n\n')

/** `2025-03-01 14:05 UTC`: the same in every time zone, so two exports of the same history are the same file. */
export const readableTime = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()
const quote = (text: string) =>
  text
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n')

function facts(conversation: ConversationSummary): string {
  const lines = [`- Model: ${conversation.model === null ? 'none chosen' : shortModelName(conversation.model)}`]
  lines.push(`- Started: ${readableTime(conversation.createdAt)}`)
  const options = optionsText(conversation.options)
  if (options !== null) lines.push(`- Options: ${options}`)
  if (conversation.think !== null) lines.push(`- Thinking: ${thinkText(conversation.think)}`)
  return lines.join('\n')
}

const optionsText = (options: ConversationOptions): string | null => {
  const entries = Object.entries(options).filter(([, value]) => value !== undefined)
  if (entries.length === 0) return null
  return entries
    .map(
      ([key, value]) =>
        `${key} ${Array.isArray(value) ? value.map((item) => JSON.stringify(item)).join(', ') : String(value)}`,
    )
    .join('; ')
}

const thinkText = (think: ThinkSetting): string => (think === true ? 'on' : think === false ? 'off' : think)

function heading(message: ChatMessage): string {
  const who =
    message.role === 'user' ? 'You' : `Assistant${message.model === null ? '' : ` (${shortModelName(message.model)})`}`
  const version = message.versions.count > 1 ? ` · version ${message.versions.index} of ${message.versions.count}` : ''
  return `## ${who} · ${readableTime(message.createdAt)}${version}`
}

const imageNote = (image: MessageImageInfo) =>
  `*[Image ${image.position + 1}: ${image.mime.replace('image/', '').toUpperCase()}, ${formatBytes(image.bytes)}; the JSON export carries the image itself]*`

const STATUS_NOTES: Partial<Record<ChatMessage['status'], string>> = {
  cancelled: '*Stopped before the end.*',
  interrupted: '*Interrupted: ollmchat closed during this reply.*',
  streaming: '*Still being written when this was exported.*',
}

function messageBlock(message: ChatMessage): string {
  if (message.role === 'notice') return quote(`**Notice** · ${readableTime(message.createdAt)}\n\n${message.content}`)
  const parts = [heading(message)]
  if (message.thinking.trim() !== '')
    parts.push(`<details>\n<summary>Thinking</summary>\n\n${closeOpenFence(message.thinking.trim())}\n\n</details>`)
  // Written as the model wrote it (it is Markdown already), only with a code block it left open closed.
  if (message.content !== '') parts.push(closeOpenFence(message.content))
  for (const image of message.images ?? []) parts.push(imageNote(image))
  const note = STATUS_NOTES[message.status]
  if (note !== undefined) parts.push(note)
  if (message.status === 'error' && message.error !== null) parts.push(quote(`**Error:** ${message.error.message}`))
  return parts.join('\n\n')
}
