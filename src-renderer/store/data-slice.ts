import { importSizeProblem } from '../../src-shared/data-rule'
import type { AppError } from '../../src-shared/ipc/result'
import type { ConversationSummary, DataProgress, ExportFormat, ImportReport } from '../../src-shared/types'
import { newRequestId } from '../lib/request-id'
import { saveTextFile } from '../lib/save-file'
import { safeCall } from './safe-call'
import type { SliceCreator } from './types'
import { sortByActivity } from './message-list'

/** The export or import running in this window, and how far it is. */
export interface DataTask {
  requestId: string
  operation: 'export' | 'import'
  progress: DataProgress | null
}

/** Export to a file and import from one ("Your data" in Settings, "Export…" on a conversation). */
export interface DataSlice {
  dataTask: DataTask | null
  /** Exports one conversation (or all) and saves the file; resolves with the failure, or `null` once saved. */
  exportData: (format: ExportFormat, conversationId?: string) => Promise<AppError | null>
  /** Reads a file and imports it; the conversation list follows. Resolves with what was imported or why not. */
  importFile: (file: File) => Promise<{ ok: true; report: ImportReport } | { ok: false; error: AppError }>
  applyDataProgress: (progress: DataProgress) => void
  /** `conversations:imported`: conversations an import (in any window) added join the list. */
  applyImported: (conversations: readonly ConversationSummary[]) => void
}

export const createDataSlice: SliceCreator<DataSlice> = (bridge) => (set, get) => {
  const run = async <T>(operation: DataTask['operation'], work: (requestId: string) => Promise<T>): Promise<T> => {
    const requestId = newRequestId()
    set({ dataTask: { requestId, operation, progress: null } })
    try {
      return await work(requestId)
    } finally {
      if (get().dataTask?.requestId === requestId) set({ dataTask: null })
    }
  }

  return {
    dataTask: null,
    exportData: (format, conversationId) =>
      run('export', async (requestId) => {
        const result = await safeCall(
          bridge,
          'data:export',
          conversationId === undefined ? { requestId, format } : { requestId, format, conversationId },
        )
        if (!result.ok) return result.error
        saveTextFile(result.value.fileName, result.value.mime, result.value.text)
        return null
      }),
    async importFile(file) {
      // Refused before the file is read: reading 2 GB only to be told it is too large would hang the window.
      const tooLarge = importSizeProblem(file.size)
      if (tooLarge !== null) return { ok: false, error: { code: 'INVALID_INPUT', message: tooLarge } }
      return run('import', async (requestId) => {
        const result = await safeCall(bridge, 'data:import', { requestId, text: await file.text() })
        if (!result.ok) return { ok: false, error: result.error }
        await get().loadConversations()
        return { ok: true, report: result.value }
      })
    },
    applyImported(conversations) {
      // One update and one sort for the whole import, however many conversations it brought.
      const imported = new Set(conversations.map((summary) => summary.id))
      set((state) => ({
        conversations: sortByActivity([
          ...conversations,
          ...state.conversations.filter((summary) => !imported.has(summary.id)),
        ]),
      }))
    },
    applyDataProgress(progress) {
      const task = get().dataTask
      if (task?.requestId === progress.requestId) set({ dataTask: { ...task, progress } })
    },
  }
}
