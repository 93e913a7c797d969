import { randomUUID } from 'node:crypto'
import type { ExportFile, ImportReport } from '../../../src-shared/types'
import type { CoreEvents } from '../events'
import type { HistoryStore } from '../history/history-store'
import { DEFAULT_EXPORT_BOUNDS, exportHistory, type ExportBounds, type ExportRequest } from './export-history'
import { importHistory, type ImportRequest } from './import-history'

export type { ExportBounds } from './export-history'

export interface DataServiceDeps {
  history: HistoryStore
  events: Pick<CoreEvents, 'emit'>
  /** The app's version, written into a JSON export. */
  version: string
  now?: () => Date
  newId?: () => string
  /** Lets other work run between two conversations; a test may pass one that does not wait. */
  pause?: () => Promise<void>
  /** The largest JSON export (the import's bound, so every export comes back) and the largest one indented; for tests. */
  exportBounds?: ExportBounds
}

export interface DataService {
  exportData(request: ExportRequest): Promise<ExportFile>
  importData(request: ImportRequest): Promise<ImportReport>
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Export and import of the history, one conversation at a time with a pause between two (main keeps answering
 * while a large history is read or checked) and `data:progress` events on the way. An import is checked whole
 * before anything is written, then written in one transaction: a refused file leaves the history as it was.
 */
export function createDataService(deps: DataServiceDeps): DataService {
  const shared = {
    history: deps.history,
    events: deps.events,
    now: deps.now ?? (() => new Date()),
    pause: deps.pause ?? nextTurn,
  }
  const exportContext = { ...shared, version: deps.version, bounds: deps.exportBounds ?? DEFAULT_EXPORT_BOUNDS }
  const importContext = { ...shared, newId: deps.newId ?? randomUUID }
  return {
    exportData: (request) => exportHistory(exportContext, request),
    importData: (request) => importHistory(importContext, request),
  }
}
