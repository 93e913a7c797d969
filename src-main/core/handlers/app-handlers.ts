import type { AppInfo } from '../../../src-shared/types'
import type { CoreEvents } from '../events'
import type { Handlers } from '../ipc/dispatch'
import type { SettingsService } from '../settings/settings-service'
import type { OllamaStatusMonitor } from '../status/ollama-status'

type AppChannels = 'app:getInfo' | 'ollama:getStatus' | 'ollama:checkNow' | 'settings:get' | 'settings:update'

/** App facts, the Ollama status, and settings. A host change reconnects through `onHostChange`. */
export function appHandlers(deps: {
  info: AppInfo
  settings: SettingsService
  status: OllamaStatusMonitor
  events: CoreEvents
  onHostChange(host: string | null): void
  /** The Settings default model changed: the windows' new-chat default follows. */
  onDefaultModelChange(): void
}): Pick<Handlers, AppChannels> {
  return {
    'app:getInfo': async () => deps.info,
    'ollama:getStatus': async () => deps.status.current(),
    'ollama:checkNow': () => deps.status.checkNow(),
    'settings:get': async () => deps.settings.get(),
    'settings:update': async (patch) => {
      const before = deps.settings.get()
      const after = deps.settings.update(patch)
      if (after.ollamaHost !== before.ollamaHost) deps.onHostChange(after.ollamaHost)
      if (after.defaultModel !== before.defaultModel) deps.onDefaultModelChange()
      if (after.theme !== before.theme) deps.events.emit('settings:theme', { theme: after.theme })
      return after
    },
  }
}
