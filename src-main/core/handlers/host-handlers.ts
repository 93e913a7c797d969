import { messageOf } from '../guards'
import type { Handlers } from '../ipc/dispatch'
import type { Logger } from '../log'
import { checkHeaders, checkHostUrl } from '../settings/host-list'
import type { SecretStore } from '../settings/secret-file'
import type { SettingsService } from '../settings/settings-service'
import { checkHost, type HostToCheck } from './host-check'

type HostChannels = 'hosts:save' | 'hosts:remove' | 'hosts:check'

/**
 * The list of Ollama hosts. Header values go to the secret store and never come back; a change to the active host
 * reconnects at once (`onActiveHostChange`).
 */
export function hostHandlers(deps: {
  settings: SettingsService
  secrets: SecretStore
  env: Record<string, string | undefined>
  /** The address of the host in use now, for the settings it returns. */
  currentHost(): string
  onActiveHostChange(): void
  log: Logger
}): Pick<Handlers, HostChannels> {
  const { settings, secrets } = deps
  return {
    'hosts:save': async ({ id, url, name, headers }) => {
      const before = settings.activeHost()
      const previous = id === undefined ? undefined : settings.hosts().find((host) => host.id === id)
      // Headers given replace the stored ones. Without any, a host whose address changes loses its headers: they
      // were meant for the server at the old address, and its credentials must never be sent to another one.
      const stored =
        headers !== undefined
          ? checkHeaders(headers)
          : previous !== undefined && checkHostUrl(url) !== previous.url
            ? {}
            : undefined
      const entry = settings.saveHost({
        ...(id === undefined ? {} : { id }),
        url,
        ...(name === undefined ? {} : { name }),
        ...(stored === undefined ? {} : { headerNames: Object.keys(stored) }),
      })
      if (stored !== undefined) {
        try {
          secrets.write(entry.id, stored)
        } catch (error) {
          // The entry was saved first (a new host gets its id there): undo it, so the settings never name headers
          // that were not stored, nor pair a new address with the old address's headers.
          if (previous === undefined) settings.removeHost(entry.id)
          else settings.saveHost(previous)
          throw new Error(
            `the headers of host ${entry.id} could not be stored, so the host was left as it was: ${messageOf(error)}`,
            { cause: error },
          )
        }
      }
      if (before?.id === entry.id && (before.url !== entry.url || stored !== undefined)) deps.onActiveHostChange()
      return settings.get(deps.currentHost())
    },
    'hosts:remove': async ({ id }) => {
      const wasActive = settings.activeHost()?.id === id
      if (settings.removeHost(id)) secrets.write(id, null)
      if (wasActive) deps.onActiveHostChange()
      return settings.get(deps.currentHost())
    },
    'hosts:check': async () => {
      const targets: HostToCheck[] = [
        { hostId: '', url: null, headers: {} },
        ...settings.hosts().map((host) => ({ hostId: host.id, url: host.url, headers: secrets.read(host.id) })),
      ]
      const hosts = await Promise.all(targets.map((target) => checkHost(target, deps)))
      return { hosts }
    },
  }
}
