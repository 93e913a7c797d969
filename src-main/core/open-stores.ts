import { join } from 'node:path'
import type { StartupNotice } from '../../src-shared/types'
import type { CoreDeps } from './core-types'
import { openHistoryStore, type DamagedHistoryFile, type HistoryStore } from './history/history-store'
import type { Logger } from './log'
import { resolveOllamaHost } from './ollama/host'
import { modelKey } from './ollama/model-name'
import { createFileSecretStore, PLAIN_CODEC, type SecretStore } from './settings/secret-file'
import { createSettingsService, type SettingsService } from './settings/settings-service'
import { damagedHistoryNotice } from './startup-notices'

/** Soft-deleted conversations older than this are purged at start (the undo toast lasts seconds). */
const PURGE_DELETED_AFTER_MS = 10 * 60 * 1000

/** What the core keeps on disk, open and brought up to date. */
export interface OpenStores {
  history: HistoryStore
  settings: SettingsService
  secrets: SecretStore
  /** What opening the history had to tell the person (a damaged file moved aside). */
  historyNotices: StartupNotice[]
}

/**
 * Opens the chat history and does start-up's writes: replies the last run left streaming are marked interrupted,
 * long-deleted conversations purged, what older versions stored in the settings moved. Throws when the history
 * cannot be opened (the error names the file and what to do).
 */
export function openStores(deps: CoreDeps, log: Logger): OpenStores {
  const historyNotices: StartupNotice[] = []
  const historyOptions = {
    file: join(deps.dataDir, 'history.sqlite'),
    log,
    onDamaged(damaged: DamagedHistoryFile) {
      log.warn('the chat history file was damaged: it was moved aside and a new one started', { ...damaged })
      historyNotices.push(damagedHistoryNotice(damaged))
    },
  }
  const history = openHistoryStore(
    deps.sqliteNativeBinding === undefined
      ? historyOptions
      : { ...historyOptions, nativeBinding: deps.sqliteNativeBinding },
  )
  // Every step below may throw (a read-only folder, a settings file it may not write): the history is closed then,
  // so the next attempt (`createCore` retries on next use) does not find this connection still holding the file.
  try {
    return { history, historyNotices, ...startupWrites(deps, log, history) }
  } catch (error) {
    history.close()
    throw error
  }
}

/** Start-up's writes on an open history, and the settings and secrets with the older versions' settings moved. */
function startupWrites(
  deps: CoreDeps,
  log: Logger,
  history: HistoryStore,
): Omit<OpenStores, 'history' | 'historyNotices'> {
  const env = deps.env ?? process.env
  const interrupted = history.markInterrupted()
  if (interrupted > 0) log.warn('replies interrupted by the previous run were marked as such', { count: interrupted })
  history.purgeDeleted(new Date(Date.now() - PURGE_DELETED_AFTER_MS))

  const settings = createSettingsService(deps.settings, { modelKey, log })
  settings.migrateLegacy(
    (hostSetting) => resolveOllamaHost(hostSetting, env),
    (records) => {
      for (const record of records) history.tempModels.forHost(record.host).set(record)
      log.info('moved the temporary-model records from the settings into the history database', {
        count: records.length,
      })
    },
  )
  const secrets = deps.secrets ?? createFileSecretStore(join(deps.dataDir, 'secrets.json'), PLAIN_CODEC, log)
  return { settings, secrets }
}
