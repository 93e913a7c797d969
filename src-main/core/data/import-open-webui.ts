import { readConversationOptions } from '../../../src-shared/conversation-options'
import { MAX_IMAGES_PER_MESSAGE, MAX_SYSTEM_PROMPT_CHARS } from '../../../src-shared/limits'
import { isRecord } from '../guards'
import type { ConversationToImport, MessageToImport } from '../history/history-import'
import type { ImageToStore } from '../history/image-repo'
import { decodeImportedImage } from './imported-image'
import { conversationLabel, refuseImport } from './import-refusal'
import { contentText, dataUrlBase64, epochToIso, errorTextOf, splitReasoning, statsOf } from './open-webui-message'
import { checkTree } from './tree-check'

/**
 * Open WebUI's chat export. Settings › Chats › Export Chats saves `JSON.stringify(await getAllChats())`
 * (`src/lib/components/chat/Settings/Chats.svelte` `exportChats`), a list of `ChatResponse` rows
 * (`backend/open_webui/models/chats.py`: `id`, `title`, `chat`, `created_at`/`updated_at` in epoch seconds, …); a
 * single chat's "Export chat (.json)" saves a list of one. Its own import also takes the bare `chat` objects
 * (`importChats`: `chat.chat ?? chat`). The `chat` holds `title`, `models`, `system`, `params` and the message tree
 * `history: { messages: { [id]: message }, currentId }`, each message with `parentId` and `childrenIds` (versions of a
 * regenerated reply or an edited message are siblings); `currentId` is the message shown last, so the path is it and
 * its ancestors. Older chats have only a flat `messages` list, read as one line (as `convertMessagesToHistory` does).
 */

/** The chats of an Open WebUI export: its list (or one chat), each a `ChatResponse` or a bare `chat` object. */
export function isOpenWebUiExport(value: unknown): boolean {
  const entries = Array.isArray(value) ? value : [value]
  return entries.length > 0 && entries.every((entry) => isRecord(entry) && chatOf(entry) !== null)
}

export const openWebUiChats = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value])

function chatOf(entry: Record<string, unknown>): Record<string, unknown> | null {
  const chat = isRecord(entry.chat) ? entry.chat : entry
  return isRecord(chat.history) || Array.isArray(chat.messages) ? chat : null
}

type RawMessage = Record<string, unknown> & { id: string }

/** The tree as a map from id, from `history.messages` or, for older chats, the flat `messages` list chained in order. */
function treeOf(chat: Record<string, unknown>): { messages: Map<string, RawMessage>; currentId: string | null } {
  const messages = new Map<string, RawMessage>()
  if (isRecord(chat.history) && isRecord(chat.history.messages)) {
    for (const [key, value] of Object.entries(chat.history.messages)) {
      if (isRecord(value)) messages.set(key, { ...value, id: key })
    }
    const currentId = typeof chat.history.currentId === 'string' ? chat.history.currentId : null
    return { messages, currentId }
  }
  let parentId: string | null = null
  for (const [index, value] of (Array.isArray(chat.messages) ? chat.messages : []).entries()) {
    if (!isRecord(value)) continue
    const id = typeof value.id === 'string' && value.id !== '' ? value.id : `message-${index}`
    messages.set(id, { ...value, id, parentId })
    parentId = id
  }
  return { messages, currentId: parentId }
}

const parentOf = (message: RawMessage): string | null => (typeof message.parentId === 'string' ? message.parentId : null)

/** Parents before children, siblings in `childrenIds` order (Open WebUI's order of versions), then by time. */
function writtenOrder(messages: Map<string, RawMessage>, where: string): RawMessage[] {
  const children = new Map<string | null, RawMessage[]>()
  for (const message of messages.values()) {
    const parentId = parentOf(message)
    if (parentId !== null && !messages.has(parentId)) {
      refuseImport(`A message of ${where} follows a message that is not in the file (its parent is missing).`)
    }
    children.set(parentId, [...(children.get(parentId) ?? []), message])
  }
  const rank = (parent: RawMessage | undefined, child: RawMessage) => {
    const listed = parent !== undefined && Array.isArray(parent.childrenIds) ? parent.childrenIds.indexOf(child.id) : -1
    return listed === -1 ? Number.MAX_SAFE_INTEGER : listed
  }
  const time = (message: RawMessage) => (typeof message.timestamp === 'number' ? message.timestamp : 0)
  const order: RawMessage[] = []
  const visit = (parentId: string | null) => {
    const parent = parentId === null ? undefined : messages.get(parentId)
    const siblings = [...(children.get(parentId) ?? [])].sort((a, b) => rank(parent, a) - rank(parent, b) || time(a) - time(b))
    for (const child of siblings) {
      order.push(child)
      visit(child.id)
    }
  }
  visit(null)
  // A message that is its own ancestor is never reached from a first message.
  if (order.length !== messages.size) refuseImport(`The messages of ${where} go round in a circle instead of forming a conversation.`)
  return order
}

/** The path: `currentId` and its ancestors; when it is missing, the newest reply down the newest versions. */
function pathOf(messages: Map<string, RawMessage>, order: readonly RawMessage[], currentId: string | null): Set<string> {
  let leaf = currentId !== null && messages.has(currentId) ? currentId : null
  if (leaf === null && order.length > 0) {
    leaf = order.find((message) => parentOf(message) === null)?.id ?? null
    for (let next = leaf; next !== null; ) {
      leaf = next
      next = order.filter((message) => parentOf(message) === leaf).at(-1)?.id ?? null
    }
  }
  const path = new Set<string>()
  for (let id = leaf; id !== null && !path.has(id); id = parentOf(messages.get(id) as RawMessage)) path.add(id)
  return path
}

/** What an imported chat carries besides its conversation: how many images were links to the Open WebUI server. */
export interface ReadOpenWebUiChat {
  conversation: ConversationToImport
  imagesLeftOut: number
}

const LEFT_OUT_NOTE = '[An image was left out: Open WebUI kept it on its server, not in the export.]'

function imagesOf(message: RawMessage, name: string): { images: ImageToStore[]; leftOut: number } {
  const files = Array.isArray(message.files) ? message.files.filter((file) => isRecord(file) && file.type === 'image') : []
  const images: ImageToStore[] = []
  let leftOut = 0
  for (const file of files as Record<string, unknown>[]) {
    const base64 = dataUrlBase64(file.url)
    if (base64 === null || images.length >= MAX_IMAGES_PER_MESSAGE) leftOut += 1
    else images.push(decodeImportedImage(base64, `Image ${images.length + 1} of ${name}`))
  }
  return { images, leftOut }
}

/**
 * One Open WebUI chat as a conversation with new ids (Open WebUI's are its own, and a second import is a copy
 * either way): the whole tree, the path it showed, replies' thinking, figures and failures, and the images it
 * carried in the file. Refused in a sentence when the tree is broken or an image is not an image.
 */
export function readOpenWebUiChat(entry: unknown, index: number, context: { newId: () => string; now: () => string }): ReadOpenWebUiChat {
  const record = isRecord(entry) ? entry : {}
  const chat = chatOf(record) ?? refuseImport(`Chat ${index + 1} of the Open WebUI file has no messages.`)
  const titleText = [record.title, chat.title].find((value): value is string => typeof value === 'string' && value.trim() !== '')
  const title = (titleText ?? 'Imported chat').trim().slice(0, 200)
  const where = conversationLabel(index, title)
  const { messages, currentId } = treeOf(chat)
  const order = writtenOrder(messages, where)
  const path = pathOf(messages, order, currentId)
  const createdAt = epochToIso(record.created_at) ?? epochToIso(chat.timestamp) ?? context.now()
  const ids = new Map(order.map((message) => [message.id, context.newId()]))
  let imagesLeftOut = 0

  const converted = order.map((message, position): MessageToImport => {
    const name = `message ${position + 1} of ${where}`
    if (message.role !== 'user' && message.role !== 'assistant') {
      refuseImport(`${name} is a “${String(message.role)}” message; ollmchat keeps only yours and the model’s.`)
    }
    const user = message.role === 'user'
    const { content, thinking } = user ? { content: contentText(message.content), thinking: '' } : splitReasoning(contentText(message.content))
    const { images, leftOut } = user ? imagesOf(message, name) : { images: [], leftOut: 0 }
    imagesLeftOut += leftOut
    const errorText = user ? null : errorTextOf(message)
    const time = epochToIso(message.timestamp) ?? createdAt
    const parentId = parentOf(message)
    return {
      id: ids.get(message.id) as string,
      parentId: parentId === null ? null : (ids.get(parentId) as string),
      onPath: path.has(message.id),
      // Stamps only order the path; the rest follow their newest version, as Open WebUI shows them.
      pathStamp: path.has(message.id) ? position + 1 : 0,
      role: user ? 'user' : 'assistant',
      content: leftOut > 0 ? [content, ...Array<string>(leftOut).fill(LEFT_OUT_NOTE)].filter((part) => part !== '').join('\n\n') : content,
      thinking,
      status: errorText !== null ? 'error' : !user && message.done === false ? 'interrupted' : 'complete',
      model: !user && typeof message.model === 'string' ? message.model : null,
      servedBy: null,
      numCtx: null,
      error: errorText === null ? null : { code: 'OLLAMA_ERROR', message: errorText },
      stats: user ? null : statsOf(message),
      context: null,
      notice: null,
      createdAt: time,
      updatedAt: time,
      images,
    }
  })
  checkTree(converted, where)

  const params = isRecord(chat.params) ? chat.params : {}
  const system = [chat.system, params.system].find((value): value is string => typeof value === 'string') ?? ''
  const models = Array.isArray(chat.models) ? chat.models.filter((model): model is string => typeof model === 'string' && model !== '') : []
  const lastReplyModel = converted.filter((message) => message.model !== null).at(-1)?.model ?? null
  const stop = typeof params.stop === 'string' ? params.stop.split(',').map((item) => item.trim()).filter((item) => item !== '') : params.stop
  return {
    conversation: {
      id: context.newId(),
      title,
      model: models[0] ?? lastReplyModel,
      systemPrompt: system.slice(0, MAX_SYSTEM_PROMPT_CHARS),
      createdAt,
      updatedAt: epochToIso(record.updated_at) ?? converted.at(-1)?.createdAt ?? createdAt,
      lastHost: null,
      // Open WebUI names the reply length `max_tokens`; everything else it shares with Ollama's names.
      options: readConversationOptions({ ...params, num_predict: params.num_predict ?? params.max_tokens, stop }),
      think: null,
      messages: converted,
    },
    imagesLeftOut,
  }
}
