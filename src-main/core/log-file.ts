import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import pino from 'pino'
import type { Logger } from './log'

/** The levels a person can ask for with `OLLMCHAT_LOG_LEVEL`. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** `OLLMCHAT_LOG_LEVEL` read leniently: any case, surrounding spaces; `info` when unset or unknown. */
export function logLevelFrom(env: Record<string, string | undefined>): LogLevel {
  const asked = env.OLLMCHAT_LOG_LEVEL?.trim().toLowerCase()
  return LOG_LEVELS.find((level) => level === asked) ?? 'info'
}

/**
 * Field names whose values never reach the file, at any depth the core logs: the browser-mode token, Ollama hosts'
 * extra headers (proxy credentials) and anything named like a secret.
 */
const SECRET_FIELDS = ['token', 'headers', 'authorization', 'Authorization', 'cookie', 'password', 'secret', 'apiKey']
const redactPaths = SECRET_FIELDS.flatMap((name) => [name, `*.${name}`, `*.*.${name}`])

export interface FileLoggerOptions {
  /** The log file; its folder is created. */
  file: string
  level?: LogLevel
  /** The file is rotated when it passes this size (default 5 MB), at start and while running. */
  maxBytes?: number
  /** How many rotated files are kept beside it (`.1` newest; default 3). */
  keep?: number
}

/** A logger writing JSON lines with ISO times to a file, with the file's path, and `close` to flush it at exit. */
export interface FileLogger extends Logger {
  readonly file: string
  readonly level: LogLevel
  close(): void
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024
const DEFAULT_KEEP = 3
/** How many lines pass between two looks at the file's size: a `stat` per line would cost more than the line. */
const LINES_PER_SIZE_CHECK = 200

/** `file` → `file.1` → … → `file.<keep>`; the oldest goes. */
export function rotate(file: string, keep: number): void {
  rmSync(`${file}.${keep}`, { force: true })
  for (let index = keep - 1; index >= 1; index -= 1) {
    if (existsSync(`${file}.${index}`)) renameSync(`${file}.${index}`, `${file}.${index + 1}`)
  }
  if (existsSync(file)) renameSync(file, `${file}.1`)
}

const sizeOf = (file: string) => {
  try {
    return statSync(file).size
  } catch {
    return 0
  }
}

/**
 * The log a person can send: pino's JSON lines (level, ISO time, message, fields) in `file`, secrets redacted,
 * rotated by size. Written asynchronously, so logging never holds up a reply; `close` flushes what is pending.
 */
export function createFileLogger(options: FileLoggerOptions): FileLogger {
  const { file } = options
  const level = options.level ?? 'info'
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const keep = options.keep ?? DEFAULT_KEEP
  mkdirSync(dirname(file), { recursive: true })
  if (sizeOf(file) >= maxBytes) rotate(file, keep)
  const destination = pino.destination({ dest: file, sync: false, mkdir: true })
  const logger = pino(
    {
      level,
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: '[redacted]' },
    },
    destination,
  )
  // Until the file is open, pino keeps lines in memory and a synchronous flush would throw: the next check will do.
  const flushed = () => {
    try {
      destination.flushSync()
      return true
    } catch {
      return false
    }
  }
  let linesSinceCheck = 0
  const afterLine = () => {
    linesSinceCheck += 1
    if (linesSinceCheck < LINES_PER_SIZE_CHECK) return
    linesSinceCheck = 0
    if (!flushed()) return
    if (sizeOf(file) < maxBytes) return
    rotate(file, keep)
    destination.reopen()
  }
  const write = (at: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (fields === undefined) logger[at](message)
    else logger[at](fields, message)
    afterLine()
  }
  return {
    file,
    level,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    close() {
      flushed()
      destination.end()
    },
  }
}
