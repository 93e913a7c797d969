import { dirname } from 'node:path'
import type { AppInfo } from '../../../src-shared/types'
import type { CoreEvents } from '../events'
import type { Logger } from '../log'
import type { Handlers } from '../ipc/dispatch'
import type { SettingsService } from '../settings/settings-service'
import type { OllamaStatusMonitor } from '../status/ollama-status'

type AppChannels =
  | 'app:getInfo'
  | 'app:reportError'
  | 'app:openLogFolder'
  | 'app:restartToUpdate'
  | 'ollama:getStatus'
  | 'ollama:checkNow'
  | 'settings:get'
  | 'settings:update'

/** App facts, the Ollama status, and settings. A host change reconnects through `onHostChange`. */
export function appHandlers(deps: {
  /** Read at every call: the start-up notices it carries can grow while the app runs (a settings repair). */
  info(): AppInfo
  settings: SettingsService
  status: OllamaStatusMonitor
  events: CoreEvents
  log: Logger
  /** Opens a folder in the file manager (desktop only). */
  openFolder?: (folder: string) => Promise<void>
  /** Installs a downloaded update (desktop only). */
  restartToUpdate?: () => boolean
  /** The address of the host in use now (per-model options belong to it). */
  currentHost(): string
  /** The active host changed (another one chosen, or its address set). */
  onHostChange(): void
  /** The Settings default model changed: the windows' new-chat default follows. */
  onDefaultModelChange(): void
  /** Fewer temporary models may exist now: the extra ones go (least recently used first). */
  onTempModelLimitLowered(): void
}): Pick<Handlers, AppChannels> {
  return {
    'app:getInfo': async () => deps.info(),
    'app:openLogFolder': async () => {
      if (deps.openFolder === undefined || deps.log.file === undefined) return { opened: false }
      await deps.openFolder(dirname(deps.log.file))
      return { opened: true }
    },
    'app:restartToUpdate': async () => ({ restarting: deps.restartToUpdate?.() ?? false }),
    'app:reportError': async ({ where, message, stack }) => {
      deps.log.error(`the window failed: ${where}`, { message, ...(stack === undefined ? {} : { stack }) })
      return { logged: true }
    },
    'ollama:getStatus': async () => deps.status.current(),
    'ollama:checkNow': () => deps.status.checkNow(),
    'settings:get': async () => deps.settings.get(deps.currentHost()),
    'settings:update': async (patch) => {
      const before = deps.settings.get(deps.currentHost())
      const after = deps.settings.update(patch, deps.currentHost())
      const hostChanged = after.ollamaHost !== before.ollamaHost || after.activeHostId !== before.activeHostId
      if (hostChanged) deps.onHostChange()
      if (after.defaultModel !== before.defaultModel) deps.onDefaultModelChange()
      if (after.tempModelLimit < before.tempModelLimit) deps.onTempModelLimitLowered()
      if (after.theme !== before.theme) deps.events.emit('settings:theme', { theme: after.theme })
      // On another host, the per-model options are that host's.
      return hostChanged ? deps.settings.get(deps.currentHost()) : after
    },
  }
}
