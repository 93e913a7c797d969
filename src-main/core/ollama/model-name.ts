import { canonicalModelNameOrNull } from '../../../src-shared/model-name'
import { InvalidModelNameError } from './errors'

/**
 * Ollama's model-name rules live in `src-shared/model-name.ts`, so main and the window apply the same ones; main
 * re-exports them from here and adds the one that throws its typed error.
 */
export * from '../../../src-shared/model-name'

/** The full lowercase form, e.g. `registry.ollama.ai/library/llama3:latest`; throws `InvalidModelNameError`. */
export function canonicalModelName(name: string): string {
  const canonical = canonicalModelNameOrNull(name)
  if (canonical === null) throw new InvalidModelNameError(name)
  return canonical
}
