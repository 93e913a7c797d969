/** The core logs through this interface so the Electron shell, browser mode and tests choose where lines go. */
export interface Logger {
  /** The file the lines go to, when they go to one: what "the details are in the log" messages name. */
  readonly file?: string
  /** Detail for whoever debugs; written only at the `debug` level (`OLLMCHAT_LOG_LEVEL=debug`). */
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

/** Writes `ollmchat <level> <message> {fields}` lines to stderr, one per event. */
export function createConsoleLogger(prefix = 'ollmchat'): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    const suffix = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : ''
    process.stderr.write(`${prefix} ${level} ${message}${suffix}\n`)
  }
  return {
    // The terminal shows what matters to a person watching it; debug detail goes to the log file only.
    debug: () => {},
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  }
}

/** A logger that keeps lines in memory, for tests that assert what was logged. */
export function createMemoryLogger(): Logger & {
  lines: { level: string; message: string; fields?: Record<string, unknown> }[]
} {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = []
  const push = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push(fields === undefined ? { level, message } : { level, message, fields })
  }
  return { lines, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') }
}

/** Discards everything. */
export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }

/** Every line to each of `loggers` (the log file and the terminal). */
export function teeLogger(...loggers: Logger[]): Logger {
  const each = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) => {
    for (const logger of loggers) logger[level](message, fields)
  }
  const file = loggers.find((logger) => logger.file !== undefined)?.file
  return {
    ...(file === undefined ? {} : { file }),
    debug: each('debug'),
    info: each('info'),
    warn: each('warn'),
    error: each('error'),
  }
}
