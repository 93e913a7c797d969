import { openConnection, type OllamaConnection } from './connection'
import { createConnectionSwitch } from './connection-switch'
import { messageOf } from './guards'
import type { Logger } from './log'
import type { TempModelRef } from './models/temp-model-manager'
import { TempModelManager } from './models/temp-model-manager'
import type { TempModelRegistry } from './models/temp-model-registry'
import { TempModelGuards } from './models/temp-model-guard'
import { OllamaClient } from './ollama/client'
import { resolveOllamaHost } from './ollama/host'
import type { SecretStore } from './settings/secret-file'
import type { SettingsService } from './settings/settings-service'

/** The connection to the active Ollama host, and the start-up clean-ups of every host ollmchat made models on. */
export interface HostConnections {
  current(): OllamaConnection
  /**
   * Connects to the host the settings name now (after a switch, or a change of its address or headers); the old
   * connection's client closes once the requests still running on it end (`connection-switch.ts`).
   */
  reconnect(): void
  /**
   * Starts the start-up clean-up on the active host and on every other host in the list (or the default one) with
   * temporary-model records, each when that host is reachable. Never waits for any of them.
   */
  startCleanups(): void
  /** Ends the clean-ups and closes every client (calls in flight get `graceMs`). */
  stop(graceMs: number): Promise<void>
}

export function createHostConnections(deps: {
  settings: SettingsService
  secrets: SecretStore
  registry: TempModelRegistry
  env: Record<string, string | undefined>
  log: Logger
  onTempModelCreated(ref: TempModelRef): void
  /** The active connection changed (the status watch follows). */
  onChange(connection: OllamaConnection): void
}): HostConnections {
  const { settings, secrets, log } = deps
  // One guard per host for every manager: a reply still running on a retired connection, or a model the active
  // connection is creating, is kept from the clean-up another manager of the same host runs, and no manager hands
  // out a model while another one's pass on that host may be deleting it.
  const guards = new TempModelGuards()
  const connect = (): OllamaConnection => {
    const active = settings.activeHost()
    return openConnection({
      hostSetting: active?.url ?? null,
      headers: active === null ? {} : secrets.read(active.id),
      env: deps.env,
      registry: deps.registry,
      guards,
      numCtxLookup: (host) => settings.numCtxLookup(host),
      tempModelLimit: (host) => settings.get(host).tempModelLimit,
      onTempModelCreated: (ref) => deps.onTempModelCreated(ref),
      log,
    })
  }
  const active = createConnectionSwitch(connect(), log)
  /** Clients opened only to clean up other hosts, with what ends their clean-up; each leaves once closed. */
  const others = new Set<{ host: string; client: OllamaClient; lifetime: AbortController }>()
  let started = false

  /** The clean-up of a host that is not the active one: its own client (with its headers), nothing else. */
  const cleanUpElsewhere = (host: string) => {
    const entry = settings.hosts().find((candidate) => candidate.url === host)
    const client = new OllamaClient({ host, env: deps.env, headers: entry === undefined ? {} : secrets.read(entry.id) })
    const lifetime = new AbortController()
    const other = { host, client, lifetime }
    others.add(other)
    const manager = new TempModelManager(client, { registry: deps.registry, guards, log })
    manager
      .cleanupWhenReachable({ signal: lifetime.signal })
      .catch((error: unknown) => log.error('clean-up of another host failed', { host, error: messageOf(error) }))
      // Its only work is done: closed once idle (if `stop` came first, this is its bounded closing).
      .then(() => client.whenIdle())
      .then(() => client.close())
      .catch((error: unknown) =>
        log.warn('could not close the connection used to clean up another host', { host, error: messageOf(error) }),
      )
      .finally(() => others.delete(other))
  }

  return {
    current: () => active.current(),
    reconnect() {
      // The old clean-up stops at once; the old client closes once the calls still running on it have ended.
      active.replace(connect())
      const connection = active.current()
      // The new connection's own clean-up takes over from one begun while this host was not the active one.
      for (const other of others) if (other.host === connection.host) other.lifetime.abort()
      deps.onChange(connection)
      if (started) void connection.startCleanup()
    },
    startCleanups() {
      if (started) return
      started = true
      const connection = active.current()
      void connection.startCleanup()
      // Only hosts the person still has (or the default): a removed host's address may now be someone else's server.
      const known = new Set(
        [null, ...settings.hosts().map((host) => host.url)].map((url) => resolveOllamaHost(url, deps.env)),
      )
      for (const host of deps.registry.hosts()) {
        if (host === connection.host) continue
        if (known.has(host)) cleanUpElsewhere(host)
        else log.info('not cleaning up temporary models on a host that is no longer in the list', { host })
      }
    },
    async stop(graceMs) {
      for (const other of others) other.lifetime.abort()
      await Promise.all([active.closeAll(graceMs), ...[...others].map((other) => other.client.close({ graceMs }))])
    },
  }
}
