/**
 * A `Core` stand-in for shell tests: records dispatches, starts and stops, and uses the real event emitter so
 * forwarding is exercised for real. `start` and `stop` behaviour is scriptable.
 */
import type { Channel, Out } from '../../src-shared/ipc/contract'
import { ok, type Result } from '../../src-shared/ipc/result'
import type { Core, CoreDeps, KeyValueStore } from '../core/core-types'
import { createCoreEvents } from '../core/events'

/** A `Core` that also exposes what the shell did to it. */
export interface FakeCore extends Core {
  readonly dispatched: { channel: Channel; input: unknown }[]
  startCalls: number
  stopCalls: number
}

/** Scripted behaviour; by default start does nothing, stop resolves and dispatch echoes the channel. */
export interface FakeCoreOptions {
  /** Throws to stand for a history that cannot be opened. */
  open?: () => void
  /** May return a promise (e.g. one that never settles), to prove the shell does not wait for it. */
  start?: () => unknown
  stop?: () => Promise<void>
  dispatch?: (channel: Channel, input: unknown) => Promise<Result<unknown>>
}

/** Builds a fake core with the real event emitter. */
export function createFakeCore(options: FakeCoreOptions = {}): FakeCore {
  const core: FakeCore = {
    dispatched: [],
    startCalls: 0,
    stopCalls: 0,
    events: createCoreEvents(),
    async dispatch<C extends Channel>(channel: C, input: unknown): Promise<Result<Out<C>>> {
      core.dispatched.push({ channel, input })
      const result = options.dispatch ? await options.dispatch(channel, input) : ok({ echo: channel })
      return result as Result<Out<C>>
    },
    open() {
      options.open?.()
    },
    start() {
      core.startCalls += 1
      // Core.start is typed void; a real one may still kick off async work, which is handed back here.
      return options.start?.() as undefined
    },
    stop() {
      core.stopCalls += 1
      return options.stop ? options.stop() : Promise.resolve()
    },
  }
  return core
}

/** A `createCore` that records the deps it was given and returns `core`. */
export function fakeCreateCore(core: Core): ((deps: CoreDeps) => Core) & { calls: CoreDeps[] } {
  const calls: CoreDeps[] = []
  const create = (deps: CoreDeps) => {
    calls.push(deps)
    return core
  }
  return Object.assign(create, { calls })
}

/** An in-memory `KeyValueStore` seeded with `initial`. */
export function createMemoryStore(
  initial: Record<string, unknown> = {},
): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(initial))
  return {
    data,
    get: (key) => data.get(key),
    set: (key, value) => void data.set(key, value),
    delete: (key) => void data.delete(key),
  }
}
