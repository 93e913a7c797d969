import { join } from 'node:path'
import type { AppInfo } from '../../src-shared/types'
import { createChatService } from './chat/chat-service'
import { openConnection, type OllamaConnection } from './connection'
import { DEFAULT_TIMING, type Core, type CoreDeps } from './core-types'
import { createCoreEvents } from './events'
import { appHandlers } from './handlers/app-handlers'
import { chatHandlers } from './handlers/chat-handlers'
import { conversationHandlers } from './handlers/conversation-handlers'
import { modelHandlers } from './handlers/model-handlers'
import { openHistoryStore } from './history/history-store'
import { createDispatcher, type Handlers } from './ipc/dispatch'
import { createModelsWatch } from './models/models-watch'
import { createConsoleLogger } from './log'
import { modelKey } from './ollama/model-name'
import { createSettingsService } from './settings/settings-service'
import { createOllamaStatusMonitor } from './status/ollama-status'

/** Soft-deleted conversations older than this are purged at start (the undo toast lasts seconds). */
const PURGE_DELETED_AFTER_MS = 10 * 60 * 1000

/**
 * The composition root: builds every service from injected dependencies and returns the `Core` both shells
 * drive. It does no work against Ollama until `start()`.
 */
export function createCore(deps: CoreDeps): Core {
  const log = deps.log ?? createConsoleLogger()
  const timing = { ...DEFAULT_TIMING, ...deps.timing }
  const env = deps.env ?? process.env
  const events = createCoreEvents(log)
  const settings = createSettingsService(deps.settings, { modelKey })
  const historyOptions = { file: join(deps.dataDir, 'history.sqlite') }
  const history = openHistoryStore(
    deps.sqliteNativeBinding === undefined ? historyOptions : { ...historyOptions, nativeBinding: deps.sqliteNativeBinding },
  )
  const interrupted = history.markInterrupted()
  if (interrupted > 0) log.warn('replies interrupted by the previous run were marked as such', { count: interrupted })
  history.purgeDeleted(new Date(Date.now() - PURGE_DELETED_AFTER_MS))

  const connect = (hostSetting: string | null): OllamaConnection =>
    openConnection({ hostSetting, env, registry: settings.tempModels, numCtxLookup: () => settings.numCtxLookup(), log })
  let connection = connect(settings.get().ollamaHost)
  /** Connections a host change replaced: replies that began on them may still use their clients until `stop`. */
  const retired: OllamaConnection[] = []
  let started = false

  const status = createOllamaStatusMonitor({
    host: connection.host,
    probe: (signal) => connection.client.version({ signal }),
    timing: { whileDownMs: timing.statusWhileDownMs, whileUpMs: timing.statusWhileUpMs },
    log,
    onChange: (next) => events.emit('ollama:status', next),
  })

  const watch = createModelsWatch({
    catalog: () => connection.catalog,
    preferredModel: () => settings.get().defaultModel,
    events,
    log,
  })

  const chat = createChatService({
    history,
    connection: () => connection,
    numCtxFor: (model) => settings.getNumCtx(model),
    events,
    log,
    onOllamaError: (error, host) => status.reportFailure(error, host),
    afterReply: () => watch.refreshIfWatched(),
    timing: { deltaIntervalMs: timing.deltaIntervalMs, checkpointIntervalMs: timing.checkpointIntervalMs },
  })

  const info: AppInfo = { version: deps.version, mode: deps.mode, simulatedOllama: deps.simulatedOllama ?? false, dataDir: deps.dataDir }
  const handlers: Handlers = {
    ...appHandlers({
      info,
      settings,
      status,
      events,
      onHostChange: (hostSetting) => {
        // The old clean-up stops; the old client stays open for replies still running on it (its idle sockets
        // close by keep-alive, and `stop` closes it for good).
        connection.dispose()
        retired.push(connection)
        connection = connect(hostSetting)
        const current = connection
        status.setHost(current.host, (signal) => current.client.version({ signal }))
        if (started) void current.startCleanup()
      },
      onDefaultModelChange: () => watch.refreshIfWatched(),
    }),
    ...modelHandlers({ connection: () => connection, settings, watch }),
    ...conversationHandlers(history, () => watch.defaultModel()),
    ...chatHandlers(chat),
  }

  return {
    dispatch: createDispatcher(handlers, log),
    events,
    start() {
      if (started) return
      started = true
      status.start()
      void connection.startCleanup()
    },
    async stop() {
      const all = [...retired, connection]
      for (const each of all) each.dispose()
      status.stop()
      await chat.cancelAll()
      await Promise.all(all.map((each) => each.client.close({ graceMs: timing.shutdownGraceMs })))
      history.close()
    },
  }
}
