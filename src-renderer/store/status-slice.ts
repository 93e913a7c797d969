import type { AppInfo, OllamaStatus } from '../../src-shared/types'
import { safeCall } from './safe-call'
import type { AppState, SliceCreator } from './types'

/** What the app knows about itself and whether Ollama answers. */
export interface StatusSlice {
  appInfo: AppInfo | null
  ollama: OllamaStatus | null
  isCheckingOllama: boolean
  loadAppInfo: () => Promise<void>
  /** Opens the log's folder in the file manager (desktop app; `appInfo.canOpenLogFolder`). */
  openLogFolder: () => Promise<void>
  /** Asks main for the status it last saw (used at start and after the event stream reconnects). */
  refreshStatus: () => Promise<void>
  /** "Try again": main checks the host right now. */
  checkOllamaNow: () => Promise<void>
  /** Applies a status from main; reloads the models when Ollama comes back. */
  applyOllamaStatus: (status: OllamaStatus) => void
  /** The version of a downloaded update waiting for a restart (desktop app), or `null`. */
  updateReady: string | null
  applyUpdateReady: (version: string) => void
  /** "Restart to update": main quits and installs the update. */
  restartToUpdate: () => Promise<void>
  /** Why the last "Restart to update" did not restart, as a sentence for the banner; `null` when nothing failed. */
  updateRestartError: string | null
}

/** What the banner says when main answers that it will not restart (no update it can install right now). */
export const RESTART_NOT_STARTED =
  'ollmchat could not restart to install the update. It installs the next time you quit.'

export const createStatusSlice: SliceCreator<StatusSlice> = (bridge) => (set, get) => ({
  appInfo: null,
  ollama: null,
  isCheckingOllama: false,
  updateReady: null,
  updateRestartError: null,

  applyUpdateReady(version) {
    // A newer download is a new chance: what went wrong restarting for the last one no longer applies.
    if (version !== get().updateReady) set({ updateReady: version, updateRestartError: null })
  },

  async restartToUpdate() {
    set({ updateRestartError: null })
    const result = await safeCall(bridge, 'app:restartToUpdate', {})
    if (!result.ok) set({ updateRestartError: result.error.message })
    else if (!result.value.restarting) set({ updateRestartError: RESTART_NOT_STARTED })
  },

  async loadAppInfo() {
    const result = await safeCall(bridge, 'app:getInfo', {})
    if (result.ok) set({ appInfo: result.value, updateReady: result.value.updateReady ?? get().updateReady })
  },

  async openLogFolder() {
    await safeCall(bridge, 'app:openLogFolder', {})
  },

  async refreshStatus() {
    const result = await safeCall(bridge, 'ollama:getStatus', {})
    if (result.ok) get().applyOllamaStatus(result.value)
  },

  async checkOllamaNow() {
    set({ isCheckingOllama: true })
    const result = await safeCall(bridge, 'ollama:checkNow', {})
    set({ isCheckingOllama: false })
    if (result.ok) get().applyOllamaStatus(result.value)
  },

  applyOllamaStatus(status) {
    const previous = get().ollama
    set({ ollama: status })
    // The first status arrives while the start-up load is already fetching models.
    if (status.state === 'reachable' && previous !== null && previous.state !== 'reachable') {
      void get().loadModels()
    }
  },
})

/** True when the window should say Ollama cannot be reached. */
export const selectOllamaDown = (state: AppState): boolean => state.ollama?.state === 'unreachable'
