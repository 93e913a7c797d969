import type { HostStatus } from '../../../src-shared/types'
import { tooOldReason } from '../../../src-shared/versions'
import type { Handlers } from '../ipc/dispatch'
import { toAppError } from '../ipc/error-mapping'
import type { Logger } from '../log'
import { OllamaClient } from '../ollama/client'
import { checkHeaders } from '../settings/host-list'
import type { SecretStore } from '../settings/secret-file'
import type { SettingsService } from '../settings/settings-service'

type HostChannels = 'hosts:save' | 'hosts:remove' | 'hosts:check'

/** A host that does not answer within this long is reported unreachable (the check is on demand, a person waits). */
const CHECK_TIMEOUT_MS = 5_000

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
      const checked = headers === undefined ? undefined : checkHeaders(headers)
      const before = settings.activeHost()
      const entry = settings.saveHost({ ...(id === undefined ? {} : { id }), url, ...(name === undefined ? {} : { name }), ...(checked === undefined ? {} : { headerNames: Object.keys(checked) }) })
      if (checked !== undefined) secrets.write(entry.id, checked)
      if (before?.id === entry.id && (before.url !== entry.url || checked !== undefined)) deps.onActiveHostChange()
      return settings.get(deps.currentHost())
    },
    'hosts:remove': async ({ id }) => {
      const wasActive = settings.activeHost()?.id === id
      if (settings.removeHost(id)) secrets.write(id, null)
      if (wasActive) deps.onActiveHostChange()
      return settings.get(deps.currentHost())
    },
    'hosts:check': async () => {
      const targets = [
        { hostId: '', url: null as string | null, headers: {} as Record<string, string> },
        ...settings.hosts().map((host) => ({ hostId: host.id, url: host.url, headers: secrets.read(host.id) })),
      ]
      const hosts = await Promise.all(
        targets.map(async (target): Promise<HostStatus> => {
          const client = new OllamaClient({ host: target.url, env: deps.env, headers: target.headers, requestTimeoutMs: CHECK_TIMEOUT_MS })
          try {
            const version = await client.version()
            return { hostId: target.hostId, url: client.host, state: 'reachable', version, tooOld: tooOldReason(version), error: null }
          } catch (error) {
            return { hostId: target.hostId, url: client.host, state: 'unreachable', version: null, tooOld: null, error: toAppError(error, deps.log, 'hosts:check') }
          } finally {
            await client.close({ graceMs: 0 })
          }
        }),
      )
      return { hosts }
    },
  }
}
