import type { HostStatus } from '../../../src-shared/types'
import { tooOldReason } from '../../../src-shared/versions'
import { messageOf } from '../guards'
import type { Handlers } from '../ipc/dispatch'
import { toAppError } from '../ipc/error-mapping'
import type { Logger } from '../log'
import { OllamaClient } from '../ollama/client'
import { checkHeaders, checkHostUrl } from '../settings/host-list'
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
      const targets = [
        { hostId: '', url: null as string | null, headers: {} as Record<string, string> },
        ...settings.hosts().map((host) => ({ hostId: host.id, url: host.url, headers: secrets.read(host.id) })),
      ]
      const hosts = await Promise.all(
        targets.map(async (target): Promise<HostStatus> => {
          const client = new OllamaClient({
            host: target.url,
            env: deps.env,
            headers: target.headers,
            requestTimeoutMs: CHECK_TIMEOUT_MS,
          })
          try {
            const version = await client.version()
            return {
              hostId: target.hostId,
              url: client.host,
              state: 'reachable',
              version,
              tooOld: tooOldReason(version),
              error: null,
            }
          } catch (error) {
            return {
              hostId: target.hostId,
              url: client.host,
              state: 'unreachable',
              version: null,
              tooOld: null,
              error: toAppError(error, deps.log, 'hosts:check'),
            }
          } finally {
            await client.close({ graceMs: 0 })
          }
        }),
      )
      return { hosts }
    },
  }
}
