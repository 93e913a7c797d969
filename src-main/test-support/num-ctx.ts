import { parseNumCtx, type NumCtx } from '../../src-shared/num-ctx'

/**
 * A context length for a test or benchmark, made by the one parser (`parseNumCtx`) as product code makes it; a
 * value the parser refuses is a mistake in the test, so it throws.
 */
export function asNumCtx(value: number): NumCtx {
  const parsed = parseNumCtx(value)
  if (!parsed.ok) throw new Error(`Not a context length for a test: ${parsed.message}`)
  return parsed.value
}
