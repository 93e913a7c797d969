import { ContextFacts } from './context/context-facts'
import { ReplyContext } from './context/reply-context'
import type { Logger } from './log'
import { createModelCatalog, type ModelCatalog } from './models/model-catalog'
import { createTempModelHousekeeping, type TempModelHousekeeping } from './models/temp-model-housekeeping'
import { TempModelManager, type CleanupReport, type TempModelRef } from './models/temp-model-manager'
import { messageOf } from './guards'
import { whileHolding } from './held-connection'
import type { TempModelRegistry } from './models/temp-model-registry'
import type { TempModelGuards } from './models/temp-model-guard'
import { OllamaClient } from './ollama/client'
import { describeHostSource } from './ollama/host'

/** Everything bound to one Ollama host; rebuilt when the user changes the host. */
export interface OllamaConnection {
  readonly host: string
  readonly client: OllamaClient
  readonly tempModels: TempModelManager
  readonly catalog: ModelCatalog
  /** What this host has shown about contexts and memory. */
  readonly facts: ContextFacts
  /** Works out the context each reply on this host really had. */
  readonly replyContext: ReplyContext
  /** The temporary models of this host, managed in the open (list, remove, limit). */
  readonly housekeeping: TempModelHousekeeping
  /**
   * Starts the start-up clean-up of unused temporary models on this host, waiting for Ollama if it is down. It
   * never throws; it resolves with what it did (an empty report once disposed).
   */
  startCleanup(): Promise<CleanupReport>
  /**
   * Stops this connection's background work (the clean-up, even while it waits for Ollama). The client stays open:
   * requests that started on this host may still be using it (`connection-switch.ts` closes it once they end).
   */
  dispose(): void
}

/** Inputs of `openConnection`. */
export interface ConnectionOptions {
  /** The app's host setting; `null` falls back to `OLLAMA_HOST`, then Ollama's default. */
  hostSetting: string | null
  /** Extra headers for this host (from the secret store); never logged. */
  headers?: Record<string, string>
  env: Record<string, string | undefined>
  registry: TempModelRegistry
  /** The holds and deleting passes shared by every manager of the app (see `TempModelGuards`). */
  guards?: TempModelGuards
  /** The user's `num_ctx` settings for this host (its address) as they are now, read once per model listing. */
  numCtxLookup: (host: string) => (model: string) => number | null
  /** How many temporary models may exist on `host` (this connection's). */
  tempModelLimit(host: string): number
  /** A temporary model was created on the host (for the optional notification). */
  onTempModelCreated?(ref: TempModelRef): void
  log: Logger
}

/**
 * Connects to the host the setting (or `OLLAMA_HOST`, or the default) names. When a configured host is unusable and
 * a later source is used instead, the reason is logged as a warning, so the log says why the app talks elsewhere.
 */
export function openConnection(options: ConnectionOptions): OllamaConnection {
  const { log } = options
  const source = describeHostSource(options.hostSetting, options.env)
  if (source.warning !== null) log.warn(source.warning, { host: source.url, source: source.source })
  const client = new OllamaClient({
    host: options.hostSetting,
    env: options.env,
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  })
  const tempModels = new TempModelManager(client, {
    registry: options.registry,
    ...(options.guards === undefined ? {} : { guards: options.guards }),
    log,
    onCreated(ref) {
      options.onTempModelCreated?.(ref)
      // Off the reply's path: the new model is held by the reply that asked for it, so the limit never removes it.
      // Holding the client: the reply may end, and a host switch close it, between the limit's listing and deletes.
      void whileHolding({ client }, () => housekeeping.enforceLimit()).catch((error: unknown) =>
        log.warn('could not apply the limit on temporary models', { error: messageOf(error) }),
      )
    },
  })
  const housekeeping = createTempModelHousekeeping({
    client,
    manager: tempModels,
    limit: () => options.tempModelLimit(client.host),
    log,
  })
  const facts = new ContextFacts()
  const catalog = createModelCatalog({ client, customNumCtx: () => options.numCtxLookup(client.host), facts, log })
  const lifetime = new AbortController()
  return {
    housekeeping,
    host: client.host,
    client,
    tempModels,
    catalog,
    facts,
    replyContext: new ReplyContext({ client, catalog, facts, log }),
    startCleanup: () => tempModels.cleanupWhenReachable({ signal: lifetime.signal }),
    dispose: () => lifetime.abort(),
  }
}
