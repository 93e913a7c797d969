import type { ModelInfo, ModelListing } from '../../../src-shared/types'
import type { CoreEvents } from '../events'
import { messageOf } from '../guards'
import { whileHolding } from '../held-connection'
import type { Logger } from '../log'
import type { CallOptions, OllamaClient } from '../ollama/client'
import { sameModel } from '../ollama/model-name'
import type { ModelCatalog } from './model-catalog'

/**
 * The model a new conversation starts with: the Settings default when it is installed and can chat, else the first
 * installed model that can (in list order); `null` when none can. The one place this rule lives: every window shows
 * it, and `conversations:create` applies it.
 */
export function chooseDefaultModel(models: readonly ModelInfo[], preferred: string | null): string | null {
  const chat = models.filter((model) => model.canChat)
  const wanted = preferred === null ? undefined : chat.find((model) => sameModel(model.name, preferred))
  return (wanted ?? chat[0])?.name ?? null
}

/**
 * Keeps the windows' model lists in step with Ollama: every read of the list (a window's `models:list`, its periodic
 * `models:refresh`, the read after each reply) is compared with the last one, and `models:changed` goes out only when
 * something differs — a model pulled or removed in a terminal, one loaded or unloaded, a new setting.
 */
export interface ModelsWatch {
  /** Reads the list now (and tells the windows if it changed). */
  listing(opts?: CallOptions): Promise<ModelListing>
  /**
   * A window's periodic or on-focus check: like `listing`, but calls made while one runs share it; `changed` says
   * whether the windows were told. It also marks a window as watching for the next while.
   */
  refresh(): Promise<{ changed: boolean }>
  /** After a reply: reads the list again if a window is watching (one asked within `WATCH_LEASE_MS`), else nothing. */
  refreshIfWatched(): void
  /**
   * The model a new conversation starts with, without a request when a listing of the last `FRESH_MS` is known (a
   * watching window keeps one fresh, so creating a chat adds nothing before its first reply). When Ollama cannot be
   * asked: the last known choice, else the Settings default, else `null`.
   */
  defaultModel(): Promise<string | null>
}

/** A listing this recent still answers "which model is the default" without asking Ollama again. */
export const FRESH_MS = 30_000

/** A window refreshes every few seconds while visible; one silent for this long is hidden, closed or gone. */
export const WATCH_LEASE_MS = 15_000

/** What the watch reads a listing through: the current host's catalog, and its client to hold while it reads. */
export interface WatchedConnection {
  readonly host: string
  readonly client: Pick<OllamaClient, 'hold'>
  readonly catalog: ModelCatalog
}

export function createModelsWatch(deps: {
  /** The current connection, looked up once per read. */
  connection(): WatchedConnection
  preferredModel(): string | null
  events: CoreEvents
  log: Logger
  now?: () => number
}): ModelsWatch {
  const now = deps.now ?? Date.now
  let lastSeen: string | null = null
  let latest: { listing: ModelListing; at: number; host: string } | null = null
  let watchedAt = Number.NEGATIVE_INFINITY
  let running: { host: string; read: Promise<{ listing: ModelListing; changed: boolean }> } | null = null
  // Reads may overlap (a window's list, another's refresh): only a read newer than the last one applied may announce
  // its listing, so an older answer arriving late never takes the windows back in time.
  let issued = 0
  let applied = 0

  // A listing makes several calls on one host (the models, what is loaded, each model's details): it holds that
  // host's client, so a host switch meanwhile closes it only after them (`held-connection.ts`).
  const read = async (connection: WatchedConnection, opts?: CallOptions) => {
    const sequence = ++issued
    const models = await whileHolding(connection, ({ catalog }) => catalog.list(opts))
    const listing: ModelListing = { models, defaultModel: chooseDefaultModel(models, deps.preferredModel()) }
    if (sequence < applied) return { listing, changed: false }
    applied = sequence
    latest = { listing, at: now(), host: connection.host }
    const fingerprint = JSON.stringify(listing)
    // The first read only sets the baseline: the window that asked has the list already.
    const changed = lastSeen !== null && fingerprint !== lastSeen
    lastSeen = fingerprint
    if (changed) deps.events.emit('models:changed', listing)
    return { listing, changed }
  }

  /** Joins the read running on the current host, or starts one: a read begun on a replaced host answers for that host. */
  const shared = () => {
    const connection = deps.connection()
    if (running?.host === connection.host) return running.read
    const mine = {
      host: connection.host,
      read: read(connection).finally(() => {
        if (running === mine) running = null
      }),
    }
    running = mine
    return mine.read
  }

  return {
    async listing(opts) {
      return (await read(deps.connection(), opts)).listing
    },
    async refresh() {
      watchedAt = now()
      return { changed: (await shared()).changed }
    },
    refreshIfWatched() {
      if (now() - watchedAt > WATCH_LEASE_MS) return
      shared().catch((error: unknown) =>
        deps.log.info('could not re-read the models after a reply', { error: messageOf(error) }),
      )
    },
    async defaultModel() {
      if (latest !== null && latest.host === deps.connection().host && now() - latest.at <= FRESH_MS)
        return chooseDefaultModel(latest.listing.models, deps.preferredModel())
      try {
        return (await shared()).listing.defaultModel
      } catch (error) {
        deps.log.info(
          'Ollama could not be asked for the models; a new conversation starts with the last known default',
          { error: messageOf(error) },
        )
        return latest?.listing.defaultModel ?? deps.preferredModel()
      }
    },
  }
}
