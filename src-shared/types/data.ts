/** Export and import of the chat history ("Your data is yours"). */

/** What an export writes: the whole tree as JSON (re-importable), or the path shown as Markdown (for reading). */
export type ExportFormat = 'json' | 'markdown'

/** Which file an import read; the core tells them apart by their shape. */
export type ImportSource = 'ollmchat' | 'open-webui'

/** `data:progress`: how far a running export or import is, in conversations. */
export interface DataProgress {
  requestId: string
  operation: 'export' | 'import'
  /** `exporting`: reading the history; `checking`: reading and checking the file; `saving`: writing the history. */
  phase: 'exporting' | 'checking' | 'saving'
  done: number
  total: number
}

/** A finished export: the file's text and the name to save it under. */
export interface ExportFile {
  fileName: string
  mime: string
  text: string
  conversations: number
}

/** What an import added to the history. */
export interface ImportReport {
  source: ImportSource
  conversations: number
  messages: number
  images: number
  /** Conversations already in the history (same id), imported beside it as copies with new ids. */
  copies: number
  /** Open WebUI images that were links to its server (not in the file), left out with a note in the message. */
  imagesLeftOut: number
  /** The new conversations, in the file's order. */
  conversationIds: string[]
}
