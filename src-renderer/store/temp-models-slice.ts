import type { AppError, Result } from '../../src-shared/ipc/result'
import type { TempCleanupReport, TempModelInfo } from '../../src-shared/types'
import { safeCall } from './safe-call'
import type { LoadState, SliceCreator } from './types'

/** The temporary `ollmchat-temp/` models on the current host, fetched only once someone looks at them. */
export interface TempModelsSlice {
  tempModels: TempModelInfo[]
  /** `idle` until the panel (or a delete dialog) first asks; a list nobody looks at is not kept fresh. */
  tempModelsStatus: LoadState
  tempModelsError: AppError | null
  /** When the list arrived (ms), the moment its relative times ("5 min ago") are read against. */
  tempModelsListedAt: number
  loadTempModels: () => Promise<void>
  /** Reloads the list only when something already showed it (after `models:changed`, a host switch…). */
  refreshTempModelsIfShown: () => Promise<void>
  cleanupTempModels: () => Promise<Result<TempCleanupReport>>
  removeAllTempModels: () => Promise<Result<TempCleanupReport>>
}

export const createTempModelsSlice: SliceCreator<TempModelsSlice> = (bridge) => (set, get) => ({
  tempModels: [],
  tempModelsStatus: 'idle',
  tempModelsError: null,
  tempModelsListedAt: 0,

  async loadTempModels() {
    // A reload keeps showing the rows it has instead of flashing "Loading…".
    set((state) => ({ tempModelsStatus: state.tempModelsStatus === 'ready' ? 'ready' : 'loading' }))
    const result = await safeCall(bridge, 'tempModels:list', {})
    if (!result.ok) return set({ tempModelsStatus: 'error', tempModelsError: result.error })
    const { tempModels } = result.value
    set({ tempModels, tempModelsStatus: 'ready', tempModelsError: null, tempModelsListedAt: Date.now() })
  },

  async refreshTempModelsIfShown() {
    if (get().tempModelsStatus !== 'idle') await get().loadTempModels()
  },

  async cleanupTempModels() {
    const result = await safeCall(bridge, 'tempModels:cleanup', {})
    await get().loadTempModels()
    return result
  },

  async removeAllTempModels() {
    const result = await safeCall(bridge, 'tempModels:removeAll', {})
    await get().loadTempModels()
    return result
  },
})
