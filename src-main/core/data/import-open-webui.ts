import { readConversationOptions, type ConversationOptions } from '../../../src-shared/conversation-options'
import { MAX_SYSTEM_PROMPT_CHARS, MAX_TITLE_CHARS } from '../../../src-shared/limits'
import { isRecord } from '../guards'
import type { ConversationToImport } from '../history/history-import'
import { convertOpenWebUiMessage, modelNameOf } from './convert-open-webui-message'
import { conversationLabel, refuseImport } from './import-refusal'
import { epochToIso } from './open-webui-message'
import { readMessageTree } from './open-webui-tree'
import { checkTree } from './tree-check'

/**
 * Open WebUI's chat export. Settings › Chats › Export Chats saves `JSON.stringify(await getAllChats())`
 * (`src/lib/components/chat/Settings/Chats.svelte` `exportChats`), a list of `ChatResponse` rows
 * (`backend/open_webui/models/chats.py`: `id`, `title`, `chat`, `created_at`/`updated_at` in epoch seconds, …); a
 * single chat's "Export chat (.json)" saves a list of one. Its own import also takes the bare `chat` objects
 * (`importChats`: `chat.chat ?? chat`). The `chat` holds `title`, `models`, `system`, `params` and the message tree
 * (read in `open-webui-tree.ts`).
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

/** What an imported chat carries besides its conversation: how many images were links to the Open WebUI server. */
export interface ReadOpenWebUiChat {
  conversation: ConversationToImport
  imagesLeftOut: number
}

/**
 * Open WebUI's `params` as conversation options. It names the reply length `max_tokens` and may keep `stop` as one
 * comma-separated string; everything else it shares with Ollama's names.
 */
function optionsOf(params: Record<string, unknown>): ConversationOptions {
  const stop =
    typeof params.stop === 'string'
      ? params.stop
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '')
      : params.stop
  return readConversationOptions({ ...params, num_predict: params.num_predict ?? params.max_tokens, stop })
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
  const { order, path } = readMessageTree(chat, where)
  const createdAt = epochToIso(record.created_at) ?? epochToIso(chat.timestamp) ?? context.now()
  const ids = new Map(order.map((message) => [message.id, context.newId()]))
  let imagesLeftOut = 0
  const converted = order.map((message, position) => {
    const one = convertOpenWebUiMessage(message, position, { where, ids, path, createdAt })
    imagesLeftOut += one.imagesLeftOut
    return one.converted
  })
  checkTree(converted, where)

  const params = isRecord(chat.params) ? chat.params : {}
  const system = [chat.system, params.system].find((value): value is string => typeof value === 'string') ?? ''
  const models = Array.isArray(chat.models) ? chat.models.map(modelNameOf).filter((model) => model !== null) : []
  const lastReplyModel = converted.filter((message) => message.model !== null).at(-1)?.model ?? null
  return {
    conversation: {
      id: context.newId(),
      title,
      model: models[0] ?? lastReplyModel,
      systemPrompt: system.slice(0, MAX_SYSTEM_PROMPT_CHARS),
      createdAt,
      updatedAt: epochToIso(record.updated_at) ?? converted.at(-1)?.createdAt ?? createdAt,
      lastHost: null,
      options: optionsOf(params),
      think: null,
      messages: converted,
    },
    imagesLeftOut,
  }
}
