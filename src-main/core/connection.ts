import { ContextFacts } from './context/context-facts'
import { ReplyContext } from './context/reply-context'
import type { Logger } from './log'
import { createModelCatalog, type ModelCatalog } from './models/model-catalog'
import { TempModelManager, type CleanupReport } from './models/temp-model-manager'
import type { TempModelRegistry } from './models/temp-model-registry'
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
  /**
   * Starts the start-up clean-up of unused temporary models on this host, waiting for Ollama if it is down. It
   * never throws; it resolves with what it did (an empty report once disposed).
   */
  startCleanup(): Promise<CleanupReport>
  /**
   * Stops this connection's background work (the clean-up, even while it waits for Ollama). The client stays open:
   * replies that started on this host may still be using it.
   */
  dispose(): void
}

/** Inputs of `openConnection`. */
export interface ConnectionOptions {
  /** The app's host setting; `null` falls back to `OLLAMA_HOST`, then Ollama's default. */
  hostSetting: string | null
  env: Record<string, string | undefined>
  registry: TempModelRegistry
  /** The user's `num_ctx` settings as they are now, read once per model listing. */
  numCtxLookup: () => (model: string) => number | null
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
  const client = new OllamaClient({ host: options.hostSetting, env: options.env })
  const tempModels = new TempModelManager(client, { registry: options.registry, log })
  const facts = new ContextFacts()
  const catalog = createModelCatalog({ client, customNumCtx: options.numCtxLookup, facts, log })
  const lifetime = new AbortController()
  return {
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
