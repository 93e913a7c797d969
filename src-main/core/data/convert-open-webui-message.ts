import { MAX_IMAGES_PER_MESSAGE, MAX_MODEL_NAME_CHARS } from '../../../src-shared/limits'
import { isRecord } from '../guards'
import type { MessageToImport } from '../history/history-import'
import type { ImageToStore } from '../history/image-repo'
import { decodeImportedImage } from './imported-image'
import { refuseImport } from './import-refusal'
import { contentText, dataUrlBase64, epochToIso, errorTextOf, splitReasoning, statsOf } from './open-webui-message'
import { parentOf, type RawMessage } from './open-webui-tree'

/** A model name as kept: Open WebUI's ids are free text, so one beyond ollmchat's bound is left out, not refused. */
export const modelNameOf = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' && value.length <= MAX_MODEL_NAME_CHARS ? value : null

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

/** What converting one message needs to know about its chat. */
export interface ChatOfMessage {
  /** The chat as named in a refusal. */
  where: string
  /** Open WebUI's message ids to the new ones. */
  ids: Map<string, string>
  /** The ids of the messages on the path the chat showed. */
  path: Set<string>
  /** The time of a message that carries none. */
  createdAt: string
}

/**
 * One Open WebUI message as a message to import, at `position` in the walked tree: a reply's thinking, figures and
 * failure, a user message's images carried in the file (with a note for each left out). Refused in a sentence when
 * it is neither the user's nor the model's, or an image is not an image.
 */
export function convertOpenWebUiMessage(
  message: RawMessage,
  position: number,
  chat: ChatOfMessage,
): { converted: MessageToImport; imagesLeftOut: number } {
  const name = `message ${position + 1} of ${chat.where}`
  if (message.role !== 'user' && message.role !== 'assistant') {
    refuseImport(`${name} is a “${String(message.role)}” message; ollmchat keeps only yours and the model’s.`)
  }
  const user = message.role === 'user'
  const { content, thinking } = user
    ? { content: contentText(message.content), thinking: '' }
    : splitReasoning(contentText(message.content))
  const { images, leftOut } = user ? imagesOf(message, name) : { images: [], leftOut: 0 }
  const errorText = user ? null : errorTextOf(message)
  const time = epochToIso(message.timestamp) ?? chat.createdAt
  const parentId = parentOf(message)
  const converted: MessageToImport = {
    id: chat.ids.get(message.id) as string,
    parentId: parentId === null ? null : (chat.ids.get(parentId) as string),
    onPath: chat.path.has(message.id),
    // Stamps only order the path; the rest follow their newest version, as Open WebUI shows them.
    pathStamp: chat.path.has(message.id) ? position + 1 : 0,
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
  return { converted, imagesLeftOut: leftOut }
}
