import { readConversationOptions } from '../../../src-shared/conversation-options'
import {
  MAX_IMAGES_PER_MESSAGE,
  MAX_MODEL_NAME_CHARS,
  MAX_SYSTEM_PROMPT_CHARS,
  MAX_TITLE_CHARS,
} from '../../../src-shared/limits'
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

/** A model name as kept: Open WebUI's ids are free text, so one beyond ollmchat's bound is left out, not refused. */
const modelNameOf = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' && value.length <= MAX_MODEL_NAME_CHARS ? value : null

const parentOf = (message: RawMessage): string | null =>
  typeof message.parentId === 'string' ? message.parentId : null

/** The tree walked: every message, parents before children, and each message's children in the order of versions. */
interface WalkedTree {
  order: RawMessage[]
  childrenOf: Map<string | null, RawMessage[]>
}

/**
 * Parents before children, siblings in `childrenIds` order (Open WebUI's order of versions), then by time. Walked
 * with a stack of its own, not by recursion: a chat of thousands of messages is as deep as it is long.
 */
function walkTree(messages: Map<string, RawMessage>, where: string): WalkedTree {
  const childrenOf = new Map<string | null, RawMessage[]>()
  for (const message of messages.values()) {
    const parentId = parentOf(message)
    if (parentId !== null && !messages.has(parentId)) {
      refuseImport(`A message of ${where} follows a message that is not in the file (its parent is missing).`)
    }
    const siblings = childrenOf.get(parentId)
    if (siblings === undefined) childrenOf.set(parentId, [message])
    else siblings.push(message)
  }
  const time = (message: RawMessage) => (typeof message.timestamp === 'number' ? message.timestamp : 0)
  for (const [parentId, siblings] of childrenOf) {
    const parent = parentId === null ? undefined : messages.get(parentId)
    const listed = new Map(
      (parent !== undefined && Array.isArray(parent.childrenIds) ? parent.childrenIds : []).map((id, index) => [
        id,
        index,
      ]),
    )
    const rank = (child: RawMessage) => listed.get(child.id) ?? Number.MAX_SAFE_INTEGER
    siblings.sort((a, b) => rank(a) - rank(b) || time(a) - time(b))
  }
  const order: RawMessage[] = []
  const stack = [...(childrenOf.get(null) ?? [])].reverse()
  for (let message = stack.pop(); message !== undefined; message = stack.pop()) {
    order.push(message)
    const children = childrenOf.get(message.id) ?? []
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index] as RawMessage)
  }
  // A message that is its own ancestor (or its own parent) is never reached from a first message.
  if (order.length !== messages.size)
    refuseImport(`The messages of ${where} go round in a circle instead of forming a conversation.`)
  return { order, childrenOf }
}

/** The path: `currentId` and its ancestors; when it is missing, from the newest first message down the newest versions. */
function pathOf(messages: Map<string, RawMessage>, { childrenOf }: WalkedTree, currentId: string | null): Set<string> {
  let leaf = currentId !== null && messages.has(currentId) ? currentId : null
  if (leaf === null) {
    let next = childrenOf.get(null)?.at(-1)
    while (next !== undefined) {
      leaf = next.id
      next = childrenOf.get(leaf)?.at(-1)
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
  const files = Array.isArray(message.files)
    ? message.files.filter((file) => isRecord(file) && file.type === 'image')
    : []
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
export function readOpenWebUiChat(
  entry: unknown,
  index: number,
  context: { newId: () => string; now: () => string },
): ReadOpenWebUiChat {
  const record = isRecord(entry) ? entry : {}
  const chat = chatOf(record) ?? refuseImport(`Chat ${index + 1} of the Open WebUI file has no messages.`)
  const titleText = [record.title, chat.title].find(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  )
  const title = (titleText ?? 'Imported chat').trim().slice(0, MAX_TITLE_CHARS)
  const where = conversationLabel(index, title)
  const { messages, currentId } = treeOf(chat)
  const tree = walkTree(messages, where)
  const { order } = tree
  const path = pathOf(messages, tree, currentId)
  const createdAt = epochToIso(record.created_at) ?? epochToIso(chat.timestamp) ?? context.now()
  const ids = new Map(order.map((message) => [message.id, context.newId()]))
  let imagesLeftOut = 0

  const converted = order.map((message, position): MessageToImport => {
    const name = `message ${position + 1} of ${where}`
    if (message.role !== 'user' && message.role !== 'assistant') {
      refuseImport(`${name} is a “${String(message.role)}” message; ollmchat keeps only yours and the model’s.`)
    }
    const user = message.role === 'user'
    const { content, thinking } = user
      ? { content: contentText(message.content), thinking: '' }
      : splitReasoning(contentText(message.content))
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
      content:
        leftOut > 0
          ? [content, ...Array<string>(leftOut).fill(LEFT_OUT_NOTE)].filter((part) => part !== '').join('\n\n')
          : content,
      thinking,
      status: errorText !== null ? 'error' : !user && message.done === false ? 'interrupted' : 'complete',
      model: user ? null : modelNameOf(message.model),
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
  const models = Array.isArray(chat.models) ? chat.models.map(modelNameOf).filter((model) => model !== null) : []
  const lastReplyModel = converted.filter((message) => message.model !== null).at(-1)?.model ?? null
  const stop =
    typeof params.stop === 'string'
      ? params.stop
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '')
      : params.stop
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
