import type { Channel, Out } from '../../src-shared/ipc/contract'
import type { Result } from '../../src-shared/ipc/result'
import type { CoreEvents } from './events'
import type { Logger } from './log'
import type { SecretStore } from './settings/secret-file'
import type { SettingsRepair } from './settings/settings-recovery'

/** The key-value interface settings live behind: electron-store in the app, `conf` on a file elsewhere. */
export interface KeyValueStore {
  get(key: string): unknown
  /**
   * Every value at once, frozen, where the store can give them for the price of one `get` (the file store checks its
   * file once): readers of many keys use it. Stores without it are read key by key.
   */
  read?(): Readonly<Record<string, unknown>>
  set(key: string, value: unknown): void
  delete(key: string): void
}

/** What a shell (Electron or browser mode) hands the core. Nothing here imports Electron. */
export interface CoreDeps {
  /** Folder for the SQLite chat history (the settings store decides its own file). */
  dataDir: string
  settings: KeyValueStore
  mode: 'desktop' | 'browser'
  /** The app's version, from package.json. */
  version: string
  /** Environment to read `OLLAMA_HOST` from; defaults to `process.env`. */
  env?: Record<string, string | undefined>
  /** Set by `npm run demo`, so the window can say the Ollama it talks to is simulated. */
  simulatedOllama?: boolean
  log?: Logger
  /** Path of a better-sqlite3 binary built for Electron's ABI, when it is not the one in node_modules. */
  sqliteNativeBinding?: string
  /**
   * Where host header values are kept: the desktop app encrypts them with the OS keychain (Electron `safeStorage`);
   * default: `secrets.json` in `dataDir`, readable only by the user, unencrypted.
   */
  secrets?: SecretStore
  /** Overrides for the intervals below (tests shorten them). */
  timing?: Partial<CoreTiming>
  /** Repairs of the settings file so far: the shell's store adds to it (`onRepair`); the window shows each once. */
  settingsRepairs?: readonly SettingsRepair[]
  /** Opens a folder in the system's file manager (the desktop shell's `shell.openPath`); absent in browser mode. */
  openFolder?: (folder: string) => Promise<void>
  /** The desktop app's downloaded update (src-main/electron/updater.ts); absent in browser mode and development. */
  updates?: UpdatePort
}

/** What the core asks of the shell's updater: which update waits, and installing it. */
export interface UpdatePort {
  /** The version downloaded and waiting for a restart, or `null`. */
  readyVersion(): string | null
  /** Quits and installs the waiting update; false when there is none. */
  restartToUpdate(): boolean
}

/** Intervals the core works with; the defaults suit people, tests pass shorter ones. */
export interface CoreTiming {
  /** Streamed text is sent to the window at most this often. */
  deltaIntervalMs: number
  /** A streaming reply is written to the store at most this long after its text arrived. */
  checkpointIntervalMs: number
  /** How often to look for Ollama while it is down. */
  statusWhileDownMs: number
  /** How often to confirm Ollama is still up. */
  statusWhileUpMs: number
  /** At stop, how long calls to Ollama still in flight may take before their connections are destroyed. */
  shutdownGraceMs: number
  /** Unused temporary models are cleaned up after the app has been idle this long. */
  idleCleanupMs: number
  /** One minute as the idle watch of a reply counts it (the `replyIdleMinutes` setting); tests shorten it. */
  idleMinuteMs: number
}

export const DEFAULT_TIMING: CoreTiming = {
  deltaIntervalMs: 30,
  checkpointIntervalMs: 500,
  statusWhileDownMs: 2_000,
  statusWhileUpMs: 15_000,
  shutdownGraceMs: 2_000,
  idleCleanupMs: 10 * 60_000,
  idleMinuteMs: 60_000,
}

/** The running core as both shells use it. */
export interface Core {
  /** Validates input, runs the channel's handler, and maps every failure to a typed `Result`. Never throws. */
  dispatch<C extends Channel>(channel: C, input: unknown): Promise<Result<Out<C>>>
  events: CoreEvents
  /**
   * Opens the chat history and does start-up's writes; `start` and the first `dispatch` do it when it has not run, so
   * building the core never touches a file. Throws when the history cannot be opened: a shell calls it first to
   * treat that as a failed start. Idempotent.
   */
  open(): void
  /**
   * Opens the core (see `open`), then starts background work without waiting for Ollama: the Ollama status watch and the start-up clean-up of
   * unused temporary models (which waits for Ollama to become reachable if it is down).
   */
  start(): void
  /**
   * Cancels replies in progress (saving their partial text), stops background work, closes the connections to
   * Ollama (calls still in flight get `shutdownGraceMs`, so a stalled Ollama cannot hold it up) and closes the store.
   */
  stop(): Promise<void>
}
