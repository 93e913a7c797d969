/**
 * The app's settings file through electron-store (which stores in `app.getPath('userData')`), seen by the core
 * as a plain `KeyValueStore`. electron-store imports `electron`, so only the shell may load this module.
 */
import ElectronStore from 'electron-store'
import { SETTINGS_STORE_OPTIONS } from '../core/settings/settings-schema'
import type { KeyValueStore } from '../core/core-types'

/** The three operations of a conf/electron-store instance the core needs. */
export interface ConfLike {
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
}

/** Adapts a conf-style store to `KeyValueStore`, hiding everything else (path, watchers, editor). */
export function toKeyValueStore(store: ConfLike): KeyValueStore {
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
  }
}

/**
 * Opens the settings store with the shared schema and defaults. Throws if the file breaks the schema
 * (electron-store's behaviour); call it after the app is ready so `userData` is final.
 */
export function createSettingsStore(): KeyValueStore {
  const store = new ElectronStore(SETTINGS_STORE_OPTIONS)
  return toKeyValueStore(store as unknown as ConfLike)
}
