/** A module fetched with import() on first need, that components can read and wait for. */
export interface LazyModule<T> {
  /** The module once it has arrived, else `undefined`. */
  get: () => T | undefined
  /** Starts the import if it has not started (or failed before); resolves once the module is there. */
  load: () => Promise<void>
  /** For `useSyncExternalStore`: called once when the module arrives. */
  subscribe: (listener: () => void) => () => void
}

/**
 * Wraps `importer` (a literal `() => import('./x')`, so Vite makes `x` a chunk the first page does not load). A
 * failed import (the server went away) is logged and tried again by the next `load`.
 */
export function lazyModule<T>(what: string, importer: () => Promise<T>): LazyModule<T> {
  let value: T | undefined
  let loading: Promise<void> | undefined
  const listeners = new Set<() => void>()
  return {
    get: () => value,
    load: () => {
      if (value !== undefined) return Promise.resolve()
      loading ??= importer().then(
        (module) => {
          value = module
          for (const listener of listeners) listener()
        },
        (error: unknown) => {
          loading = undefined
          console.error(`ollmchat: could not load ${what}`, error)
        },
      )
      return loading
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
