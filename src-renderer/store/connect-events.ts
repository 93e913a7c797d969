import type { Bridge } from '../../src-shared/ipc/bridge'
import { tempModelCreatedText } from '../lib/temp-model-text'
import { createDeltaBatcher, type Schedule } from './delta-batcher'
import { isSummaryRequest } from './summary-slice'
import type { AppStore } from './types'

const nextFrame: Schedule = (callback) => {
  requestAnimationFrame(() => callback())
}

/**
 * Feeds main's events into the store; deltas are applied at most once per animation frame.
 * Returns the function that unsubscribes everything.
 */
export function connectEvents(store: AppStore, bridge: Bridge, schedule: Schedule = nextFrame): () => void {
  const batcher = createDeltaBatcher((batch) => store.getState().applyDeltas(batch), schedule)
  const unsubscribers = [
    bridge.on('ollama:status', (status) => store.getState().applyOllamaStatus(status)),
    bridge.on('app:updateReady', ({ version }) => store.getState().applyUpdateReady(version)),
    bridge.on('chat:started', (event) => {
      batcher.flush()
      store.getState().applyStarted(event)
    }),
    bridge.on('chat:progress', (event) => {
      // A summary's progress (phase `summarizing`, or whatever it waits for first) belongs to its own slice.
      const state = store.getState()
      if (isSummaryRequest(event.requestId)(state)) state.applySummaryProgress(event)
      else state.applyProgress(event)
    }),
    bridge.on('chat:delta', (event) => batcher.push(event)),
    bridge.on('chat:notice', (event) => {
      batcher.flush()
      store.getState().applyNotice(event)
    }),
    bridge.on('chat:ended', (event) => {
      batcher.flush()
      store.getState().applyEnded(event)
    }),
    bridge.on('conversations:versionShown', (event) => void store.getState().applyVersionShown(event)),
    bridge.on('models:changed', (listing) => {
      const state = store.getState()
      state.applyModelListing(listing)
      // A pull, a delete or an unload changes the temporary models too. Also a moment to notice a pull whose end
      // this window missed (see `reconcilePulls`).
      void state.refreshTempModelsIfShown()
      void state.reconcilePulls()
    }),
    bridge.on('models:pullProgress', (progress) => store.getState().applyPullProgress(progress)),
    bridge.on('models:pullEnded', (event) => store.getState().applyPullEnded(event)),
    bridge.on('tempModels:created', (event) => {
      const state = store.getState()
      // Main sends it only when the Settings ask; checked here too, so a setting just turned off is obeyed.
      if (state.settings.notifyTempModelCreated) state.pushToast({ text: tempModelCreatedText(event), action: null })
      void state.refreshTempModelsIfShown()
    }),
    bridge.on('settings:theme', (event) => store.getState().applyThemeEvent(event.theme)),
    bridge.on('settings:changed', (event) => store.getState().applySettingsEvent(event.settings)),
    bridge.on('data:progress', (progress) => store.getState().applyDataProgress(progress)),
    bridge.on('conversations:imported', (event) => store.getState().applyImported(event.conversations)),
    // A `chat:started` or `chat:ended` sent while the stream was down is lost: the core's list says what runs now.
    bridge.onReconnect(() => void store.getState().reconcileRunningReplies()),
  ]
  return () => {
    batcher.stop()
    for (const unsubscribe of unsubscribers) unsubscribe()
  }
}
