import { join } from 'node:path'
import { createConsoleLogger, teeLogger, type Logger } from './log'
import { createFileLogger, logLevelFrom } from './log-file'

/** The app's logger: every line to the log file (at `OLLMCHAT_LOG_LEVEL`), and info and above to the terminal. */
export interface AppLog {
  log: Logger
  /** The log file, for the messages that say "details are in the log" and for Settings. */
  file: string
  close(): void
}

/** Opens `ollmchat.log` in `folder` (the platform's log folder in the desktop app, the data folder's `logs` in browser mode). */
export function openAppLog(folder: string, env: Record<string, string | undefined> = process.env): AppLog {
  const file = createFileLogger({ file: join(folder, 'ollmchat.log'), level: logLevelFrom(env) })
  return { log: teeLogger(file, createConsoleLogger()), file: file.file, close: () => file.close() }
}
