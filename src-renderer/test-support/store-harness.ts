import { connectEvents } from '../store/connect-events'
import { createAppStore } from '../store/app-store'
import type { AppStore } from '../store/types'
import { createFakeBridge, type FakeBridge } from './fake-bridge'

/** A store over a fake bridge with events connected; deltas are applied when the test calls `frame()`. */
export interface StoreHarness {
  fake: FakeBridge
  store: AppStore
  /** Runs the pending animation frame (applies batched deltas). */
  frame: () => void
  disconnect: () => void
}

export function createStoreHarness(fake: FakeBridge = createFakeBridge()): StoreHarness {
  const store = createAppStore(fake.bridge)
  let queued: Array<() => void> = []
  const disconnect = connectEvents(store, fake.bridge, (callback) => {
    queued.push(callback)
  })
  return {
    fake,
    store,
    frame() {
      const callbacks = queued
      queued = []
      for (const callback of callbacks) callback()
    },
    disconnect,
  }
}
