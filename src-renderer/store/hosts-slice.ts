import { followHostChange } from './follow-host-change'
import type { AppError } from '../../src-shared/ipc/result'
import type { HostStatus, Settings } from '../../src-shared/types'
import { safeCall } from './safe-call'
import { HOST_LINKED_KEYS } from './settings-slice'
import type { AppState, LoadState, SliceCreator } from './types'

/**
 * What a host form sends: `headers` only when the person edited them. Omitted, main keeps the old ones, unless the
 * address changed: they were meant for the old server, so main drops them.
 */
export interface HostInput {
  id?: string
  url: string
  name: string | null
  headers?: Record<string, string>
}

/** The Ollama hosts of the Settings: switching, adding, editing, removing, and asking each for its version. */
export interface HostsSlice {
  hostChecks: HostStatus[]
  hostChecksStatus: LoadState
  hostChecksError: AppError | null
  /**
   * Makes a host active (`null`: `OLLAMA_HOST` or the default) and checks it at once; resolves once main took the
   * switch, while the check goes on (shown as the status).
   */
  switchHost: (hostId: string | null) => Promise<AppError | null>
  saveHost: (input: HostInput) => Promise<AppError | null>
  removeHost: (hostId: string) => Promise<AppError | null>
  checkHosts: () => Promise<void>
}

export const createHostsSlice: SliceCreator<HostsSlice> = (bridge) => (set, get) => {
  /**
   * After anything that may change the active host: its status, its models and its temporary models, asked for at
   * once rather than left to the next refresh (another host's list must not stay on screen as this one's). Not
   * awaited (see `followHostChange`): a switch, save or removal is done once main answered, and a dialog or the
   * radios waiting on it must not stay locked while an unreachable host takes its time to say so.
   */
  const afterHostChange = (before: string | null) => {
    if (get().settings.ollamaHost !== before) followHostChange(get())
  }

  /** Takes main's answer about hosts (never the other keys, which a save in flight may be changing). */
  const takeHosts = (settings: Settings) => {
    const before = get().settings.ollamaHost
    get().takeSettings(settings, HOST_LINKED_KEYS)
    afterHostChange(before)
  }

  return {
    hostChecks: [],
    hostChecksStatus: 'idle',
    hostChecksError: null,

    async switchHost(hostId) {
      // Read before the switch: the optimistic update already shows the new address.
      const before = get().settings.ollamaHost
      const failure = await get().updateSettings({ activeHostId: hostId })
      if (failure) return failure
      afterHostChange(before)
      return null
    },

    async saveHost(input) {
      const result = await safeCall(bridge, 'hosts:save', input)
      if (!result.ok) return result.error
      takeHosts(result.value)
      return null
    },

    async removeHost(hostId) {
      const result = await safeCall(bridge, 'hosts:remove', { id: hostId })
      if (!result.ok) return result.error
      takeHosts(result.value)
      return null
    },

    async checkHosts() {
      set({ hostChecksStatus: 'loading' })
      const result = await safeCall(bridge, 'hosts:check', {})
      if (result.ok) set({ hostChecks: result.value.hosts, hostChecksStatus: 'ready', hostChecksError: null })
      else set({ hostChecksStatus: 'error', hostChecksError: result.error })
    },
  }
}

/** The active host's entry, or `undefined` for the default (`OLLAMA_HOST` or 127.0.0.1:11434). */
export const selectActiveHost = (state: AppState) =>
  state.settings.activeHostId === null
    ? undefined
    : state.settings.hosts.find((host) => host.id === state.settings.activeHostId)

/**
 * The address of the host in use: the Settings' when a host is chosen, else the one the status says was tried
 * (`OLLAMA_HOST` or the default); `null` before either is known.
 */
export const selectActiveHostAddress = (state: AppState): string | null =>
  state.settings.ollamaHost ?? state.ollama?.host ?? null
