import type { AppError, Result } from '../../src-shared/ipc/result'
import type { MemoryEstimate, ModelInfo, ModelListing } from '../../src-shared/types'
import { visibleModels } from '../lib/model-names'
import { safeCall } from './safe-call'
import type { AppState, LoadState, SliceCreator } from './types'

/** Installed models (never a temporary one), the core's default for new chats, and the per-model context setting. */
export interface ModelsSlice {
  /** Every installed model, chat or not; already free of temporary models (filtered once, where lists arrive). */
  models: ModelInfo[]
  /**
   * The model a new conversation starts with, as the core chose it (`models:list`, `models:changed`). The rule
   * lives in the core only, so every window agrees; `null` when no installed model can chat.
   */
  defaultModel: string | null
  modelsStatus: LoadState
  modelsError: AppError | null
  loadModels: () => Promise<void>
  /** A new list from the core (`models:changed`): a pull, a removal, a load or unload, a new setting. */
  applyModelListing: (listing: ModelListing) => void
  /**
   * Asks the core to read Ollama's lists again; a change comes back as `models:changed`. Quiet: a failure
   * here is not news (the status banner says when Ollama is down), and calls never overlap.
   */
  refreshModels: () => Promise<void>
  /**
   * Saves (or with `null` resets) a model's `num_ctx`; resolves with main's refusal or `null` on success.
   * Main validates the value; the Models page's field checks it before calling, so a typo never travels.
   */
  setNumCtx: (model: string, numCtx: number | null) => Promise<AppError | null>
  /** What the model would need in memory at `numCtx` (weights plus context cache). */
  estimateMemory: (model: string, numCtx: number) => Promise<Result<MemoryEstimate>>
}

export const createModelsSlice: SliceCreator<ModelsSlice> = (bridge) => (set, get) => {
  let refreshing = false
  const listingPatch = (listing: ModelListing) => ({
    // Main lists no temporary model; filtering here as well keeps one out of every picker if that ever slips.
    models: visibleModels(listing.models),
    defaultModel: listing.defaultModel,
  })

  return {
    models: [],
    defaultModel: null,
    modelsStatus: 'idle',
    modelsError: null,

    async loadModels() {
      set({ modelsStatus: 'loading' })
      const result = await safeCall(bridge, 'models:list', {})
      if (!result.ok) {
        set({ modelsStatus: 'error', modelsError: result.error })
        return
      }
      set({ ...listingPatch(result.value), modelsStatus: 'ready', modelsError: null })
    },

    applyModelListing(listing) {
      set({ ...listingPatch(listing), modelsStatus: 'ready', modelsError: null })
    },

    async refreshModels() {
      if (refreshing) return
      refreshing = true
      try {
        await safeCall(bridge, 'models:refresh', {})
        // The same beat notices a pull whose `models:pullEnded` this window missed (see `reconcilePulls`).
        await get().reconcilePulls()
      } finally {
        refreshing = false
      }
    },

    async setNumCtx(name, numCtx) {
      const result = await safeCall(bridge, 'models:setNumCtx', { model: name, numCtx })
      if (!result.ok) return result.error
      const saved = result.value.model
      set((state) => ({ models: state.models.map((candidate) => (candidate.name === name ? saved : candidate)) }))
      return null
    },

    estimateMemory(model, numCtx) {
      return safeCall(bridge, 'models:estimateMemory', { model, numCtx })
    },
  }
}

/** Finds an installed model by its exact listed name. */
export const selectModel =
  (name: string | null) =>
  (state: AppState): ModelInfo | undefined =>
    name === null ? undefined : state.models.find((model) => model.name === name)

/** The models a conversation may use: those Ollama can chat with (never an embedding model). */
export function chatModels(models: readonly ModelInfo[]): ModelInfo[] {
  return models.filter((model) => model.canChat)
}
