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
import { createConsoleLogger } from './log'
import { canonicalModelName } from './ollama/model-name'
import { createSettingsService } from './settings/settings-service'
import { createOllamaStatusMonitor } from './status/ollama-status'

/** Soft-deleted conversations older than this are purged at start (the undo toast lasts seconds). */
const PURGE_DELETED_AFTER_MS = 10 * 60 * 1000

/** Options key for a model: Ollama's canonical name, so `Llama3` and `llama3:latest` share one setting. */
function modelKey(model: string): string {
  try {
    return canonicalModelName(model)
  } catch {
    return model.trim().toLowerCase()
  }
}

/**
 * The composition root: builds every service from injected dependencies and returns the `Core` both shells
 * drive. It does no work against Ollama until `start()`.
 */
export function createCore(deps: CoreDeps): Core {
  const log = deps.log ?? createConsoleLogger()
  const timing = { ...DEFAULT_TIMING, ...deps.timing }
  const env = deps.env ?? process.env
  const events = createCoreEvents()
  const settings = createSettingsService(deps.settings, { modelKey })
  const historyOptions = { file: join(deps.dataDir, 'history.sqlite') }
  const history = openHistoryStore(
    deps.sqliteNativeBinding === undefined ? historyOptions : { ...historyOptions, nativeBinding: deps.sqliteNativeBinding },
  )
  const interrupted = history.markInterrupted()
  if (interrupted > 0) log.warn('replies interrupted by the previous run were marked as such', { count: interrupted })
  history.purgeDeleted(new Date(Date.now() - PURGE_DELETED_AFTER_MS))

  const connect = (hostSetting: string | null): OllamaConnection =>
    openConnection({ hostSetting, env, registry: settings.tempModels, numCtxFor: (model) => settings.getNumCtx(model), log })
  let connection = connect(settings.get().ollamaHost)
  const cleanup = new AbortController()

  const status = createOllamaStatusMonitor({
    host: connection.host,
    probe: (signal) => connection.client.version({ signal }),
    timing: { whileDownMs: timing.statusWhileDownMs, whileUpMs: timing.statusWhileUpMs },
    log,
    onChange: (next) => events.emit('ollama:status', next),
  })

  /** Deletes unused temp models on this host (it logs what it deleted and kept), waiting for Ollama if it is down. */
  const startCleanup = (target: OllamaConnection) => {
    void target.tempModels.cleanupWhenReachable({ signal: cleanup.signal })
  }

  const chat = createChatService({
    history,
    connection: () => connection,
    numCtxFor: (model) => settings.getNumCtx(model),
    events,
    log,
    onOllamaError: (error) => status.reportFailure(error),
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
        // Replies already running keep the old connection; its idle sockets close once they finish.
        void connection.client.close()
        connection = connect(hostSetting)
        const current = connection
        status.setHost(current.host, (signal) => current.client.version({ signal }))
        startCleanup(current)
      },
    }),
    ...modelHandlers({ connection: () => connection, settings }),
    ...conversationHandlers(history),
    ...chatHandlers(chat),
  }

  let started = false
  return {
    dispatch: createDispatcher(handlers, log),
    events,
    start() {
      if (started) return
      started = true
      status.start()
      startCleanup(connection)
    },
    async stop() {
      cleanup.abort()
      status.stop()
      await chat.cancelAll()
      await connection.client.close()
      history.close()
    },
  }
}
