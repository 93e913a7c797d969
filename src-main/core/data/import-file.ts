import type { ImportSource } from '../../../src-shared/types'
import { importSizeProblem } from '../../../src-shared/data-rule'
import { isRecord } from '../guards'
import type { ConversationToImport } from '../history/history-import'
import { ollmchatConversations, readOllmchatConversation } from './import-json'
import { isOpenWebUiExport, openWebUiChats, readOpenWebUiChat } from './import-open-webui'
import { refuseImport } from './import-refusal'

/** A file recognised: which kind it is, its conversations still unread, and how to read (and check) one of them. */
export interface ImportPlan {
  source: ImportSource
  items: unknown[]
  read(item: unknown, index: number): { conversation: ConversationToImport; imagesLeftOut: number }
}

/**
 * Recognises an import by its content, not its name: an ollmchat export by its `format`, an Open WebUI export by
 * its chats' message trees. Refuses, in a sentence, a file that is too large, not JSON, or neither of the two.
 */
export function planImport(text: string, context: { newId: () => string; now: () => string }): ImportPlan {
  const tooLarge = importSizeProblem(Buffer.byteLength(text, 'utf8'))
  if (tooLarge !== null) refuseImport(tooLarge)
  let value: unknown
  try {
    value = JSON.parse(text) as unknown
  } catch {
    return refuseImport('The file is not JSON, so it is neither an ollmchat export nor an Open WebUI chat export.')
  }
  if (isRecord(value) && 'format' in value) {
    return {
      source: 'ollmchat',
      items: ollmchatConversations(value),
      read: (item, index) => ({ conversation: readOllmchatConversation(item, index), imagesLeftOut: 0 }),
    }
  }
  if (Array.isArray(value) && value.length === 0) refuseImport('The file holds no conversations.')
  if (isOpenWebUiExport(value)) {
    return {
      source: 'open-webui',
      items: openWebUiChats(value),
      read: (item, index) => readOpenWebUiChat(item, index, context),
    }
  }
  return refuseImport('The file is JSON, but neither an ollmchat export nor an Open WebUI chat export.')
}
