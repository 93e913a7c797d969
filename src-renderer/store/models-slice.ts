import type { AppError } from '../../src-shared/ipc/result'
import type { ModelInfo } from '../../src-shared/types'
import { visibleModels } from '../lib/model-names'
import { safeCall } from './safe-call'
import type { AppState, LoadState, SliceCreator } from './types'

/** Installed models (never a temporary one) and the per-model context setting. */
export interface ModelsSlice {
  /** Already free of temporary models: they are filtered out once, where the list is loaded. */
  models: ModelInfo[]
  modelsStatus: LoadState
  modelsError: AppError | null
  loadModels: () => Promise<void>
  /**
   * Saves (or with `null` resets) a model's `num_ctx`; resolves with main's refusal or `null` on success.
   * Main validates the value; the Models page's field checks it before calling, so a typo never travels.
   */
  setNumCtx: (model: string, numCtx: number | null) => Promise<AppError | null>
}

export const createModelsSlice: SliceCreator<ModelsSlice> = (bridge) => (set, get) => ({
  models: [],
  modelsStatus: 'idle',
  modelsError: null,

  async loadModels() {
    set({ modelsStatus: 'loading' })
    const result = await safeCall(bridge, 'models:list', {})
    if (!result.ok) {
      set({ modelsStatus: 'error', modelsError: result.error })
      return
    }
    // Main lists no temporary model; filtering here as well keeps one out of every picker if that ever slips.
    set({ models: visibleModels(result.value.models), modelsStatus: 'ready', modelsError: null })
    get().ensureDraftModel()
  },

  async setNumCtx(name, numCtx) {
    const result = await safeCall(bridge, 'models:setNumCtx', { model: name, numCtx })
    if (!result.ok) return result.error
    const saved = result.value.model
    set((state) => ({ models: state.models.map((candidate) => (candidate.name === name ? saved : candidate)) }))
    return null
  },
})

/** Finds an installed model by its exact listed name. */
export const selectModel =
  (name: string | null) =>
  (state: AppState): ModelInfo | undefined =>
    name === null ? undefined : state.models.find((model) => model.name === name)

/** The model a new conversation starts with: the default from settings when installed, else the first one. */
export function pickDefaultModel(state: AppState): string | null {
  const { models } = state
  const preferred = state.settings.defaultModel
  if (preferred !== null && models.some((model) => model.name === preferred)) return preferred
  return models[0]?.name ?? null
}
