import type { AppError } from '../ipc/result'

/** Facts about the running app for the About line and the simulated-Ollama label. */
export interface AppInfo {
  version: string
  /** `desktop` inside Electron, `browser` when served over HTTP by `npm run serve`. */
  mode: 'desktop' | 'browser'
  /** True when the Ollama peer is the repo's simulator (`npm run demo`): the window says so. */
  simulatedOllama: boolean
  dataDir: string
  /** True when host header values are encrypted with the system keychain; false when only the file's mode guards them. */
  secretsEncrypted: boolean
  /** The log file (`ollmchat.log`), or `null` when this run logs only to the terminal (tests). */
  logFile?: string | null
  /** True in the desktop app, which can open the log's folder (`app:openLogFolder`); a browser tab cannot. */
  canOpenLogFolder?: boolean
  /** What the user must hear about this run's files (a damaged one put aside, a repaired one); absent when nothing. */
  startupNotices?: StartupNotice[]
  /** The version an update was downloaded for, waiting for "Restart to update" (desktop app); absent or `null` when none. */
  updateReady?: string | null
}

/** What the application menu asks the window to do (the same actions as the window's own shortcuts). */
export type MenuCommand = 'newChat' | 'search' | 'settings'

/** A file ollmchat had to put aside or repair: the window shows it once, until dismissed. */
export interface StartupNotice {
  /** Unique to this event (the window remembers which notices were dismissed). */
  id: string
  title: string
  /** What happened and what it means for the user, in sentences. */
  message: string
  /** The file kept aside, shown so it can be copied. */
  file: string
}

/** Whether Ollama answers at the configured host; pushed as `ollama:status` whenever it changes. */
export interface OllamaStatus {
  state: 'checking' | 'reachable' | 'unreachable'
  /** The host the app tried, e.g. `http://127.0.0.1:11434`. */
  host: string
  /** Ollama's version when reachable. */
  version: string | null
  error: AppError | null
  /** Why this Ollama is too old for ollmchat (the version it needs, and for what), or `null`. */
  tooOld: string | null
  /** ISO time of the last check. */
  checkedAt: string
}
