import { join } from 'node:path'
import type { AppInfo, StartupNotice } from '../../src-shared/types'
import { createChatService } from './chat/chat-service'
import { messageOf } from './guards'
import { createHostConnections } from './host-connections'
import { createIdleCleanup, type IdleCleanup } from './idle-cleanup'
import { DEFAULT_TIMING, type Core, type CoreDeps } from './core-types'
import { createCoreEvents } from './events'
import { createDataService } from './data/data-service'
import { appHandlers } from './handlers/app-handlers'
import { chatHandlers } from './handlers/chat-handlers'
import { dataHandlers } from './handlers/data-handlers'
import { conversationHandlers } from './handlers/conversation-handlers'
import { hostHandlers } from './handlers/host-handlers'
import { manageHandlers } from './handlers/manage-handlers'
import { modelHandlers } from './handlers/model-handlers'
import { openHistoryStore, type DamagedHistoryFile } from './history/history-store'
import { createDispatcher, type Handlers } from './ipc/dispatch'
import { createModelsWatch } from './models/models-watch'
import { createPullService } from './models/pull-service'
import { resolveOllamaHost } from './ollama/host'
import { createFileSecretStore, PLAIN_CODEC } from './settings/secret-file'
import { createConsoleLogger } from './log'
import { modelKey } from './ollama/model-name'
import { announcingSettings } from './settings/announce-settings'
import { createSettingsService } from './settings/settings-service'
import { createOllamaStatusMonitor } from './status/ollama-status'
import { damagedHistoryNotice, repairedSettingsNotice } from './startup-notices'

/** Soft-deleted conversations older than this are purged at start (the undo toast lasts seconds). */
const PURGE_DELETED_AFTER_MS = 10 * 60 * 1000
/** The clean-up while the app is open keeps a temporary model used within this long; the start-up one does not. */
const KEEP_WHILE_OPEN_MS = 24 * 60 * 60 * 1000

/**
 * The composition root: builds every service from injected dependencies and returns the `Core` both shells
 * drive. It does no work against Ollama until `start()`.
 */
export function createCore(deps: CoreDeps): Core {
  const log = deps.log ?? createConsoleLogger()
  const timing = { ...DEFAULT_TIMING, ...deps.timing }
  const env = deps.env ?? process.env
  const events = createCoreEvents(log)
  const settings = createSettingsService(deps.settings, { modelKey, log })
  const historyNotices: StartupNotice[] = []
  const historyOptions = {
    file: join(deps.dataDir, 'history.sqlite'),
    onDamaged(damaged: DamagedHistoryFile) {
      log.warn('the chat history file was damaged: it was moved aside and a new one started', { ...damaged })
      historyNotices.push(damagedHistoryNotice(damaged))
    },
  }
  const history = openHistoryStore(
    deps.sqliteNativeBinding === undefined ? historyOptions : { ...historyOptions, nativeBinding: deps.sqliteNativeBinding },
  )
  const interrupted = history.markInterrupted()
  if (interrupted > 0) log.warn('replies interrupted by the previous run were marked as such', { count: interrupted })
  history.purgeDeleted(new Date(Date.now() - PURGE_DELETED_AFTER_MS))

  const secrets = deps.secrets ?? createFileSecretStore(join(deps.dataDir, 'secrets.json'), PLAIN_CODEC, log)
  settings.migrateLegacy(
    (hostSetting) => resolveOllamaHost(hostSetting, env),
    (records) => {
      for (const record of records) history.tempModels.forHost(record.host).set(record)
      log.info('moved the temporary-model records from the settings into the history database', { count: records.length })
    },
  )

  const hosts = createHostConnections({
    settings,
    secrets,
    registry: history.tempModels,
    env,
    log,
    onTempModelCreated(ref) {
      if (settings.get(hosts.current().host).notifyTempModelCreated) {
        events.emit('tempModels:created', { name: ref.path, baseModel: ref.baseModel, numCtx: ref.numCtx })
      }
    },
    onChange(current) {
      status.setHost(current.host, (signal) => current.client.version({ signal }))
    },
  })
  const connection = () => hosts.current()

  const status = createOllamaStatusMonitor({
    host: connection().host,
    probe: (signal) => connection().client.version({ signal }),
    timing: { whileDownMs: timing.statusWhileDownMs, whileUpMs: timing.statusWhileUpMs },
    log,
    onChange: (next) => events.emit('ollama:status', next),
  })

  const watch = createModelsWatch({
    catalog: () => connection().catalog,
    preferredModel: () => settings.get(connection().host).defaultModel,
    events,
    log,
  })

  // eslint-disable-next-line prefer-const -- the chat service and the idle clean-up refer to each other
  let idle: IdleCleanup | undefined
  const chat = createChatService({
    history,
    connection,
    numCtxFor: (model) => settings.getNumCtx(connection().host, model),
    events,
    log,
    onOllamaError: (error, host) => status.reportFailure(error, host),
    afterReply: () => {
      watch.refreshIfWatched()
      idle?.touch()
    },
    replyIdleMinutes: () => settings.replyIdleMinutes(),
    timing: { deltaIntervalMs: timing.deltaIntervalMs, checkpointIntervalMs: timing.checkpointIntervalMs, idleMinuteMs: timing.idleMinuteMs },
  })
  idle = createIdleCleanup({
    idleMs: timing.idleCleanupMs,
    isBusy: () => chat.activeCount() > 0,
    // Only what has gone unused for a day (or is stale): a model used this morning would cost its next chat a create.
    cleanup: () => connection().tempModels.cleanupUnusedTempModels({ keepUsedSince: new Date(Date.now() - KEEP_WHILE_OPEN_MS) }),
    log,
  })
  const pulls = createPullService({ events, log, onPulled: () => void watch.refresh().catch(() => undefined) })

  const info = (): AppInfo => ({
    version: deps.version,
    mode: deps.mode,
    simulatedOllama: deps.simulatedOllama ?? false,
    dataDir: deps.dataDir,
    secretsEncrypted: secrets.encrypts,
    startupNotices: [...historyNotices, ...(deps.settingsRepairs ?? []).map(repairedSettingsNotice)],
    logFile: log.file ?? null,
    canOpenLogFolder: deps.openFolder !== undefined && log.file !== undefined,
  })
  let started = false
  const handlers: Handlers = {
    ...appHandlers({
      info,
      settings,
      status,
      events,
      log,
      ...(deps.openFolder === undefined ? {} : { openFolder: deps.openFolder }),
      currentHost: () => connection().host,
      onHostChange: () => hosts.reconnect(),
      onDefaultModelChange: () => watch.refreshIfWatched(),
      onTempModelLimitLowered: () =>
        void connection().housekeeping.enforceLimit().catch((error: unknown) => log.warn('could not apply the new limit on temporary models', { error: messageOf(error) })),
    }),
    ...modelHandlers({ connection, settings, watch }),
    ...manageHandlers({ connection, pulls, chat, watch }),
    ...hostHandlers({ settings, secrets, env, currentHost: () => connection().host, onActiveHostChange: () => hosts.reconnect(), log }),
    ...conversationHandlers(history, () => watch.defaultModel()),
    ...chatHandlers(chat),
    ...dataHandlers(createDataService({ history, events, version: deps.version })),
  }

  return {
    dispatch: createDispatcher(announcingSettings(handlers, (settings) => events.emit('settings:changed', { settings })), log),
    events,
    start() {
      if (started) return
      started = true
      status.start()
      hosts.startCleanups()
      idle?.touch()
      // The first search should not wait for the search thread to start: start it once start-up's own work has
      // had its turn. It runs on its own thread, so main pays only for creating it.
      setImmediate(() => history.warmSearch())
    },
    async stop() {
      status.stop()
      idle?.stop()
      pulls.cancelAll()
      await chat.cancelAll()
      await hosts.stop(timing.shutdownGraceMs)
      history.close()
    },
  }
}
