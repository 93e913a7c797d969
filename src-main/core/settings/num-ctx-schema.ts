import { z } from 'zod'
import { parseNumCtx } from '../../../src-shared/num-ctx'

const NOT_A_COUNT = 'The context length must be a positive whole number of tokens.'

/**
 * A context length where untrusted data enters main (the settings file, the history's temporary-model records, an
 * IPC request, an import). Parsing runs `parseNumCtx`, the one judge of a context length, so the value comes out a
 * `NumCtx` and nothing after this boundary checks it again. The positive whole number in front is what JSON Schema
 * can state (conf's schema is derived from the stored shapes, and a transform has none): a file holding 1.5 or -1
 * is refused and repaired as before, while one holding 300 passes conf and reads as absent.
 */
export const numCtxSchema = z
  .int(NOT_A_COUNT)
  .min(1, NOT_A_COUNT)
  .transform((value, ctx) => {
    const parsed = parseNumCtx(value)
    if (parsed.ok) return parsed.value
    ctx.addIssue({ code: 'custom', message: parsed.message, input: value })
    return z.NEVER
  })
