import type { AppInfo } from '../../src-shared/types'
import { createChatService, type ChatService } from './chat/chat-service'
import { messageOf } from './guards'
import { whileHolding } from './held-connection'
import { createHostConnections, type HostConnections } from './host-connections'
import { createIdleCleanup, type IdleCleanup } from './idle-cleanup'
import { DEFAULT_TIMING, type CoreDeps, type CoreTiming } from './core-types'
import type { OllamaConnection } from './connection'
import type { CoreEvents } from './events'
import { createDataService } from './data/data-service'
import { appHandlers } from './handlers/app-handlers'
import { chatHandlers } from './handlers/chat-handlers'
import { dataHandlers } from './handlers/data-handlers'
import { conversationHandlers } from './handlers/conversation-handlers'
import { hostHandlers } from './handlers/host-handlers'
import { manageHandlers } from './handlers/manage-handlers'
import { modelHandlers } from './handlers/model-handlers'
import { createDispatcher, type Dispatch, type Handlers } from './ipc/dispatch'
import type { Logger } from './log'
import { createModelsWatch, type ModelsWatch } from './models/models-watch'
import { createPullService, type PullService } from './models/pull-service'
import { openStores, type OpenStores } from './open-stores'
import { announcingSettings } from './settings/announce-settings'
import { createOllamaStatusMonitor, type OllamaStatusMonitor } from './status/ollama-status'
import { repairedSettingsNotice } from './startup-notices'

/** The clean-up while the app is open keeps a temporary model used within this long; the start-up one does not. */
const KEEP_WHILE_OPEN_MS = 24 * 60 * 60 * 1000

/** The core once its files are open: what `createCore` hands `dispatch`, `start` and `stop` to. */
export interface OpenCore {
  dispatch: Dispatch
  /** Starts the background work (the Ollama watch, the clean-ups); idempotent. */
  start(): void
  stop(): Promise<void>
}

/**
 * Opens the stores (`open-stores.ts`: the history, start-up's writes), then builds every service on them. Throws
 * when the history cannot be opened. Nothing reaches Ollama until `start()` or a request.
 */
export function openCore(deps: CoreDeps, shared: { log: Logger; events: CoreEvents }): OpenCore {
  const { log, events } = shared
  const timing = { ...DEFAULT_TIMING, ...deps.timing }
  const env = deps.env ?? process.env
  const stores = openStores(deps, log)
  const { history, settings, secrets } = stores

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
    connection,
    preferredModel: () => settings.get(connection().host).defaultModel,
    events,
    log,
  })

  const { chat, idle } = replyServices({ history, settings, connection, events, log, status, watch, timing })
  const pulls = createPullService({ events, log, onPulled: () => void watch.refresh().catch(() => undefined) })

  const handlers = coreHandlers({ deps, log, events, env, stores, hosts, status, watch, chat, pulls })
  const dispatch = createDispatcher(
    announcingSettings(handlers, (settings) => events.emit('settings:changed', { settings })),
    log,
  )
  let started = false
  return {
    // Work that makes several calls in a row holds its own connection's client (`held-connection.ts`): a reply, a
    // model's listing or removal, the clean-ups. A hold here would cover the wrong one: a handler may look the
    // connection up again.
    dispatch,
    start() {
      if (started) return
      started = true
      status.start()
      hosts.startCleanups()
      idle.touch()
      // The first search should not wait for the search thread to start: start it once start-up's own work has
      // had its turn. It runs on its own thread, so main pays only for creating it.
      setImmediate(() => history.warmSearch())
    },
    async stop() {
      status.stop()
      idle.stop()
      pulls.cancelAll()
      await chat.cancelAll()
      await hosts.stop(timing.shutdownGraceMs)
      history.close()
    },
  }
}

/** Replies and the idle clean-up, which waits for them: each refers to the other. */
function replyServices(parts: {
  history: OpenStores['history']
  settings: OpenStores['settings']
  connection: () => OllamaConnection
  events: CoreEvents
  log: Logger
  status: OllamaStatusMonitor
  watch: ModelsWatch
  timing: CoreTiming
}): { chat: ChatService; idle: IdleCleanup } {
  const { history, settings, connection, events, log, status, watch, timing } = parts
  // eslint-disable-next-line prefer-const -- the chat service and the idle clean-up refer to each other
  let idle: IdleCleanup | undefined
  const chat = createChatService({
    history,
    connection,
    numCtxFor: (host, model) => settings.getNumCtx(host, model),
    events,
    log,
    onOllamaError: (error, host) => status.reportFailure(error, host),
    afterReply: () => {
      watch.refreshIfWatched()
      idle?.touch()
    },
    replyIdleMinutes: () => settings.replyIdleMinutes(),
    timing: {
      deltaIntervalMs: timing.deltaIntervalMs,
      checkpointIntervalMs: timing.checkpointIntervalMs,
      idleMinuteMs: timing.idleMinuteMs,
    },
  })
  idle = createIdleCleanup({
    idleMs: timing.idleCleanupMs,
    isBusy: () => chat.activeCount() > 0,
    // Only what has gone unused for a day (or is stale): a model used this morning would cost its next chat a create.
    // Held: a host switch between its listing and its deletes lets it finish on the host it listed.
    cleanup: () =>
      whileHolding(connection(), ({ tempModels }) =>
        tempModels.cleanupUnusedTempModels({ keepUsedSince: new Date(Date.now() - KEEP_WHILE_OPEN_MS) }),
      ),
    log,
  })
  return { chat, idle }
}

/** Every channel's handler, over the services `openCore` built. */
function coreHandlers(parts: {
  deps: CoreDeps
  log: Logger
  events: CoreEvents
  env: Record<string, string | undefined>
  stores: OpenStores
  hosts: HostConnections
  status: OllamaStatusMonitor
  watch: ModelsWatch
  chat: ChatService
  pulls: PullService
}): Handlers {
  const { deps, log, events, env, stores, hosts, status, watch, chat, pulls } = parts
  const { history, settings, secrets } = stores
  const connection = () => hosts.current()
  const info = (): AppInfo => ({
    version: deps.version,
    mode: deps.mode,
    simulatedOllama: deps.simulatedOllama ?? false,
    dataDir: deps.dataDir,
    secretsEncrypted: secrets.encrypts,
    startupNotices: [...stores.historyNotices, ...(deps.settingsRepairs ?? []).map(repairedSettingsNotice)],
    logFile: log.file ?? null,
    canOpenLogFolder: deps.openFolder !== undefined && log.file !== undefined,
    updateReady: deps.updates?.readyVersion() ?? null,
  })
  return {
    ...appHandlers({
      info,
      settings,
      status,
      events,
      log,
      ...(deps.openFolder === undefined ? {} : { openFolder: deps.openFolder }),
      ...(deps.updates === undefined ? {} : { restartToUpdate: () => deps.updates?.restartToUpdate() ?? false }),
      currentHost: () => connection().host,
      onHostChange: () => hosts.reconnect(),
      onDefaultModelChange: () => watch.refreshIfWatched(),
      // Held, like the idle clean-up: it lists, then deletes, all on the host whose limit was lowered.
      onTempModelLimitLowered: () =>
        void whileHolding(connection(), ({ housekeeping }) => housekeeping.enforceLimit()).catch((error: unknown) =>
          log.warn('could not apply the new limit on temporary models', { error: messageOf(error) }),
        ),
    }),
    ...modelHandlers({ connection, settings, watch }),
    ...manageHandlers({ connection, pulls, chat, watch }),
    ...hostHandlers({
      settings,
      secrets,
      env,
      currentHost: () => connection().host,
      onActiveHostChange: () => hosts.reconnect(),
      log,
    }),
    ...conversationHandlers(history, () => watch.defaultModel()),
    ...chatHandlers(chat),
    ...dataHandlers(createDataService({ history, events, version: deps.version })),
  }
}
