import type { DataService } from '../data/data-service'
import type { Handlers } from '../ipc/dispatch'

/** `data:export` and `data:import`: the history as a file, and a file into the history (see `data-service.ts`). */
export function dataHandlers(data: DataService): Pick<Handlers, 'data:export' | 'data:import'> {
  return {
    'data:export': async ({ requestId, format, conversationId }) =>
      data.exportData(conversationId === undefined ? { requestId, format } : { requestId, format, conversationId }),
    'data:import': async (request) => data.importData(request),
  }
}
