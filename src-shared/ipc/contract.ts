/**
 * The single IPC contract. The preload, main's handlers, the browser-mode server and the renderer are all
 * typed from these maps; adding a channel means adding it here (or, for conversations and replies, in
 * `chat-channels.ts`, which these maps extend) and fixing the compile errors that follow.
 * Inputs are one JSON-safe object each, so Electron's structured clone and browser mode's JSON agree.
 */
import type {
  AppInfo,
  ConversationSummary,
  DataProgress,
  ExportFile,
  ExportFormat,
  HostStatus,
  ImportReport,
  MenuCommand,
  MemoryEstimate,
  ModelDetailsInfo,
  ModelInfo,
  ModelListing,
  PullOutcome,
  PullProgress,
  TempCleanupReport,
  TempModelInfo,
  OllamaStatus,
  Settings,
  SettingsPatch,
  ThemePreference,
} from '../types'

import type { ChatEvents, ChatRequests } from './chat-channels'
import type { AppError } from './result'

type None = Record<string, never>

/** Request channels: what the renderer may ask main, with the input it sends and the value it gets back. */
export interface RequestMap extends ChatRequests {
  'app:getInfo': { in: None; out: AppInfo }
  /**
   * A failure in the window (a crashed view, an uncaught error), written to the app's log so a person can send one
   * file. Bounded, and never shown back; it only logs.
   */
  'app:reportError': { in: { where: string; message: string; stack?: string }; out: { logged: boolean } }
  /** Opens the log file's folder in the system's file manager (desktop app); `opened: false` in browser mode. */
  'app:openLogFolder': { in: None; out: { opened: boolean } }
  /** Quits and installs the downloaded update (desktop app); `restarting: false` when there is none to install. */
  'app:restartToUpdate': { in: None; out: { restarting: boolean } }

  'ollama:getStatus': { in: None; out: OllamaStatus }
  /** Checks the host now instead of waiting for the next automatic check. */
  'ollama:checkNow': { in: None; out: OllamaStatus }

  /**
   * Installed models, never a temporary `ollmchat-temp/` model, and the model a new conversation starts with
   * (`defaultModel`: the Settings default when it is installed and can chat, else the first that can; `null` when
   * none can). Windows show this default instead of choosing their own, so every window agrees.
   */
  'models:list': { in: None; out: ModelListing }
  /** Sets (or with `null` resets) the user's `num_ctx` for a model; used from the next message on. */
  'models:setNumCtx': { in: { model: string; numCtx: number | null }; out: { model: ModelInfo } }
  /**
   * Reads Ollama's model list and loaded models again now; when anything changed, `models:changed` goes to every
   * window. Windows call it on focus and every few seconds while visible.
   */
  'models:refresh': { in: None; out: { changed: boolean } }
  /** The memory a model would need at a context length (weights plus f16 KV cache), from `/api/show`. */
  'models:estimateMemory': { in: { model: string; numCtx: number }; out: MemoryEstimate }
  /**
   * Pulls a model by name (progress as `models:pullProgress` for `requestId`); resolves when the pull ends. An invalid
   * name is refused before anything is sent. Several pulls may run at once.
   */
  'models:pull': { in: { requestId: string; model: string }; out: PullOutcome }
  /** Stops a pull; Ollama keeps the layers it has, so the next pull of that model resumes. */
  'models:cancelPull': { in: { requestId: string }; out: { cancelled: boolean } }
  /**
   * The pulls running now, for a window opened or reloaded meanwhile: per pull, the latest line of each layer in the
   * order they started, then its latest line, so the window adds up the same totals as one that watched throughout.
   */
  'models:activePulls': { in: None; out: { pulls: PullProgress[] } }
  /**
   * Deletes a model and, for a base, the temporary models made from it (each unloaded first when loaded). Refused
   * while a reply uses it. Resolves with every name deleted.
   */
  'models:delete': { in: { model: string }; out: { deleted: string[] } }
  /** Frees the memory a loaded model holds now (`keep_alive: 0`). */
  'models:unload': { in: { model: string }; out: { unloaded: boolean } }
  /** Template, parameters, system prompt, licence and the rest of `/api/show`, for the details panel. */
  'models:details': { in: { model: string }; out: ModelDetailsInfo }

  /** Every `ollmchat-temp/` model on the current host, with its base, context, use and staleness. */
  'tempModels:list': { in: None; out: { tempModels: TempModelInfo[] } }
  /** The start-up clean-up, now: deletes the unused ones and says why each other one was kept. */
  'tempModels:cleanup': { in: None; out: TempCleanupReport }
  /** Unloads and deletes every temporary model on the current host, except those a reply is using right now. */
  'tempModels:removeAll': { in: None; out: TempCleanupReport }

  /**
   * Adds (without `id`) or changes a host. `headers` replaces its extra headers (values go to the platform's secret
   * storage and never come back); omitted, they stay as they are. Resolves with the settings after the change.
   */
  'hosts:save': {
    in: { id?: string; url: string; name?: string | null; headers?: Record<string, string> }
    out: Settings
  }
  /** Forgets a host (and its headers); the active host falls back to `OLLAMA_HOST` or the default. */
  'hosts:remove': { in: { id: string }; out: Settings }
  /** Asks every known host (and the default) for its version now. */
  'hosts:check': { in: None; out: { hosts: HostStatus[] } }

  'settings:get': { in: None; out: Settings }
  'settings:update': { in: SettingsPatch; out: Settings }

  /**
   * One conversation (`conversationId`) or all of them as a file: `json` holds everything (every version, images, the
   * context reports; see `src-main/core/data/export-format.ts`), `markdown` the path shown, for reading. Progress as
   * `data:progress` for `requestId`.
   */
  'data:export': { in: { requestId: string; format: ExportFormat; conversationId?: string }; out: ExportFile }
  /**
   * Imports an ollmchat JSON export or an Open WebUI chat export (told apart by content). The file is checked whole,
   * then written in one transaction: a refused file (the reason in a sentence) leaves the history unchanged.
   * Progress as `data:progress` for `requestId`.
   */
  'data:import': { in: { requestId: string; text: string }; out: ImportReport }
}

/** Events main pushes to the renderer. */
export interface EventMap extends ChatEvents {
  /** The application menu chose an action the focused window carries out (desktop app only). */
  'app:menuCommand': { command: MenuCommand }
  /** An update was downloaded and installs on restart (desktop app only). */
  'app:updateReady': { version: string }
  'ollama:status': OllamaStatus
  /** Installed or loaded models changed (a pull, a removal, a load or unload, a new setting): the new list. */
  'models:changed': ModelListing
  /** One progress line of a running pull. */
  'models:pullProgress': PullProgress
  /**
   * A pull ended, for every window (also those that did not start it): on which Ollama (as `PullProgress.host`),
   * how, and the failure in words.
   */
  'models:pullEnded': {
    requestId: string
    model: string
    host: string
    outcome: 'complete' | 'cancelled' | 'failed'
    error: AppError | null
  }
  /** ollmchat created a temporary model (sent only when the Settings ask to be told). */
  'tempModels:created': { name: string; baseModel: string; numCtx: number }
  /** The theme the settings now ask for (so every window follows a change). */
  'settings:theme': { theme: ThemePreference }
  /**
   * The settings after a change made in any window (`settings:update`, `hosts:save`, `hosts:remove`), so every window
   * follows a host switch, a new host or a new limit. The same value the request answered.
   */
  'settings:changed': { settings: Settings }
  /** How far a running `data:export` or `data:import` is. */
  'data:progress': DataProgress
  /** An import (`data:import`) added these conversations, in the file's order: every window's list takes them in. */
  'conversations:imported': { conversations: ConversationSummary[] }
}

export type Channel = keyof RequestMap
export type EventName = keyof EventMap
export type In<C extends Channel> = RequestMap[C]['in']
export type Out<C extends Channel> = RequestMap[C]['out']

// Typed as Record<…, true> so that the compiler rejects a missing or an extra name.
const channelNames: Record<Channel, true> = {
  'app:getInfo': true,
  'app:reportError': true,
  'app:openLogFolder': true,
  'app:restartToUpdate': true,
  'ollama:getStatus': true,
  'ollama:checkNow': true,
  'models:list': true,
  'models:setNumCtx': true,
  'models:refresh': true,
  'models:estimateMemory': true,
  'models:pull': true,
  'models:cancelPull': true,
  'models:activePulls': true,
  'models:delete': true,
  'models:unload': true,
  'models:details': true,
  'tempModels:list': true,
  'tempModels:cleanup': true,
  'tempModels:removeAll': true,
  'hosts:save': true,
  'hosts:remove': true,
  'hosts:check': true,
  'settings:get': true,
  'settings:update': true,
  'conversations:list': true,
  'conversations:create': true,
  'conversations:get': true,
  'conversations:update': true,
  'conversations:delete': true,
  'conversations:restore': true,
  'conversations:search': true,
  'conversations:image': true,
  'conversations:continueFromSummary': true,
  'chat:send': true,
  'chat:regenerate': true,
  'chat:editAndResend': true,
  'conversations:showVersion': true,
  'chat:cancel': true,
  'chat:running': true,
  'data:export': true,
  'data:import': true,
}
const eventNames: Record<EventName, true> = {
  'app:menuCommand': true,
  'app:updateReady': true,
  'ollama:status': true,
  'chat:started': true,
  'chat:progress': true,
  'chat:delta': true,
  'chat:notice': true,
  'chat:ended': true,
  'conversations:versionShown': true,
  'models:changed': true,
  'models:pullProgress': true,
  'models:pullEnded': true,
  'tempModels:created': true,
  'settings:theme': true,
  'settings:changed': true,
  'data:progress': true,
  'conversations:imported': true,
}

/** Every request channel, in contract order. */
export const CHANNELS = Object.keys(channelNames) as readonly Channel[]
/** Every event name, in contract order. */
export const EVENTS = Object.keys(eventNames) as readonly EventName[]

export const isChannel = (name: string): name is Channel => Object.hasOwn(channelNames, name)
export const isEventName = (name: string): name is EventName => Object.hasOwn(eventNames, name)
