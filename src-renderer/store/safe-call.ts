import type { Bridge } from '../../src-shared/ipc/bridge'
import type { Channel, In, Out } from '../../src-shared/ipc/contract'
import type { Result } from '../../src-shared/ipc/result'

/**
 * Calls a channel and always resolves with a `Result`: a transport that throws (a crashed main process,
 * a broken preload) becomes an `INTERNAL` failure instead of an unhandled rejection in a click handler.
 */
export async function safeCall<C extends Channel>(bridge: Bridge, channel: C, input: In<C>): Promise<Result<Out<C>>> {
  try {
    const call = bridge[channel] as (input: In<C>) => Promise<Result<Out<C>>>
    return await call(input)
  } catch (error) {
    console.error(`ollmchat: ${channel} failed`, error)
    return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside ollmchat.' } }
  }
}
