import type { ZodError } from 'zod'
import type { Channel, In, Out } from '../../../src-shared/ipc/contract'
import { fail, ok, type Result } from '../../../src-shared/ipc/result'
import type { Logger } from '../log'
import { toAppError } from './error-mapping'
import { describeIssues, inputSchemas } from './input-schemas'

/** One async function per channel; handlers throw freely, `dispatch` is the only boundary that catches. */
export type Handlers = { [C in Channel]: (input: In<C>) => Promise<Out<C>> }

export type Dispatch = <C extends Channel>(channel: C, input: unknown) => Promise<Result<Out<C>>>

interface InputSchema {
  safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: ZodError }
}

/**
 * Validates a channel's input, runs its handler and maps every failure to a typed `Result`. It never throws,
 * so neither Electron IPC nor the browser-mode server ever loses an error.
 */
export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  return async <C extends Channel>(channel: C, input: unknown): Promise<Result<Out<C>>> => {
    const schema = inputSchemas[channel] as InputSchema | undefined
    const handler = handlers[channel] as ((value: In<C>) => Promise<Out<C>>) | undefined
    if (!schema || !handler) return fail('INVALID_INPUT', `Unknown request: ${String(channel)}`)
    const parsed = schema.safeParse(input ?? {})
    if (!parsed.success) {
      return fail('INVALID_INPUT', `That request was not valid: ${describeIssues(parsed.error)}.`)
    }
    try {
      return ok(await handler(parsed.data as In<C>))
    } catch (error) {
      return { ok: false, error: toAppError(error, log, channel) }
    }
  }
}
