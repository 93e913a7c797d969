import type { AppError, Result } from '../../src-shared/ipc/result'
import type { ModelDetailsInfo } from '../../src-shared/types'
import { shortModelName } from '../../src-shared/format'
import { isTempModelName } from '../lib/model-names'
import { safeCall } from './safe-call'
import type { SliceCreator } from './types'

/** What can be done to an installed model besides its context setting: delete, unload, read its details. */
export interface ModelActionsSlice {
  /**
   * Deletes a model and the temporary models made from it; says so in a toast. Resolves with the core's
   * refusal (e.g. `BUSY` while a reply uses it) or `null`.
   */
  deleteModel: (model: string) => Promise<AppError | null>
  /** Frees the memory a loaded model holds; the new list arrives as `models:changed`. */
  unloadModel: (model: string) => Promise<AppError | null>
  fetchModelDetails: (model: string) => Promise<Result<ModelDetailsInfo>>
}

/** "Deleted llama3 (and 2 temporary models)." */
export function deletedText(model: string, deleted: readonly string[]): string {
  const temporary = deleted.filter(isTempModelName).length
  const also = temporary === 0 ? '' : ` (and ${temporary} temporary model${temporary === 1 ? '' : 's'})`
  return `Deleted ${shortModelName(model)}${also}.`
}

export const createModelActionsSlice: SliceCreator<ModelActionsSlice> = (bridge) => (set, get) => ({
  async deleteModel(model) {
    const result = await safeCall(bridge, 'models:delete', { model })
    if (!result.ok) return result.error
    const gone = new Set(result.value.deleted)
    // The core also pushes `models:changed`; dropping it now keeps a deleted card from lingering until then.
    set((state) => ({
      models: state.models.filter((candidate) => candidate.name !== model && !gone.has(candidate.name)),
    }))
    get().pushToast({ text: deletedText(model, result.value.deleted), action: null })
    void get().refreshTempModelsIfShown()
    return null
  },

  async unloadModel(model) {
    const result = await safeCall(bridge, 'models:unload', { model })
    return result.ok ? null : result.error
  },

  fetchModelDetails(model) {
    return safeCall(bridge, 'models:details', { model })
  },
})
