import { isTempModelName } from '../../src-shared/model-name'
import type { ModelInfo } from '../../src-shared/types'

// Ollama's name rules are shared with main (`src-shared/model-name.ts`): the window hides, compares and counts
// models exactly as main does.
export { isTempModelName, sameModel as sameModelName } from '../../src-shared/model-name'

/** The models a person may see or pick: every installed model except the app's temporary ones. */
export function visibleModels(models: readonly ModelInfo[]): ModelInfo[] {
  return models.filter((model) => !isTempModelName(model.name))
}
