// The parser lives in src-shared: the window reads a model's own option values with it too.
export { parseShowParameters } from '../../../src-shared/show-parameters'

/** `num_ctx` as Ollama will use it (a float is truncated, as Ollama does), or `null` when absent or not a number. */
export function numCtxOf(parameters: Record<string, unknown>): number | null {
  const value = parameters['num_ctx']
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : null
}
