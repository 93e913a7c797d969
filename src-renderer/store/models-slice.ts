import type { AppError } from '../../src-shared/ipc/result'
import { checkNumCtx } from '../../src-shared/limits'
import type { ModelInfo } from '../../src-shared/types'
import { isTempModelName, visibleModels } from '../lib/model-names'
import { safeCall } from './safe-call'
import type { AppState, LoadState, SliceCreator } from './types'

/** Installed models (never a temporary one) and the per-model context setting. */
export interface ModelsSlice {
  models: ModelInfo[]
  modelsStatus: LoadState
  modelsError: AppError | null
  loadModels: () => Promise<void>
  /**
   * Saves (or with `null` resets) a model's `num_ctx`. Invalid values are refused here, without asking
   * main; resolves with the refusal or `null` on success.
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
    set({ models: visibleModels(result.value.models), modelsStatus: 'ready', modelsError: null })
    get().ensureDraftModel()
  },

  async setNumCtx(name, numCtx) {
    const model = get().models.find((candidate) => candidate.name === name)
    if (numCtx !== null) {
      const check = checkNumCtx(numCtx, model?.trainedContext ?? null)
      if (!check.ok) return { code: 'INVALID_NUM_CTX', message: check.message }
    }
    const result = await safeCall(bridge, 'models:setNumCtx', { model: name, numCtx })
    if (!result.ok) return result.error
    const saved = result.value.model
    set((state) => ({ models: state.models.map((candidate) => (candidate.name === name ? saved : candidate)) }))
    return null
  },
})

/** The models the picker offers; drops temporary models again in case one slipped through. */
export const selectPickableModels = (state: AppState): ModelInfo[] =>
  state.models.filter((model) => !isTempModelName(model.name))

/** Finds an installed model by its exact listed name. */
export const selectModel =
  (name: string | null) =>
  (state: AppState): ModelInfo | undefined =>
    name === null ? undefined : state.models.find((model) => model.name === name)

/** The model a new conversation starts with: the default from settings when installed, else the first one. */
export function pickDefaultModel(state: AppState): string | null {
  const models = selectPickableModels(state)
  const preferred = state.settings.defaultModel
  if (preferred !== null && models.some((model) => model.name === preferred)) return preferred
  return models[0]?.name ?? null
}
