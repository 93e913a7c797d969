import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openAppLog } from './app-log'
import { createFileLogger, logLevelFrom } from './log-file'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ollmchat-log-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Closes the logger (flushing it) and reads its lines back. */
async function linesOf(logger: ReturnType<typeof createFileLogger>): Promise<Array<Record<string, unknown>>> {
  logger.close()
  await new Promise((resolve) => setTimeout(resolve, 20))
  return readFileSync(logger.file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

describe('the log file', () => {
  it('holds one JSON line per event with its level, an ISO time, the message and the fields', async () => {
    const logger = createFileLogger({ file: join(dir, 'logs', 'ollmchat.log') })
    logger.info('reply finished', { model: 'llama3', tokens: 42 })
    logger.warn('host slow')
    logger.debug('not at info')
    const lines = await linesOf(logger)
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [30, 'reply finished'],
      [40, 'host slow'],
    ])
    expect(lines[0]).toMatchObject({ model: 'llama3', tokens: 42 })
    expect(String(lines[0]?.time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })

  it('writes debug lines when asked for the debug level', async () => {
    const logger = createFileLogger({
      file: join(dir, 'ollmchat.log'),
      level: logLevelFrom({ OLLMCHAT_LOG_LEVEL: ' DEBUG ' }),
    })
    logger.debug('detail', { step: 1 })
    expect((await linesOf(logger)).map((line) => line.msg)).toEqual(['detail'])
  })

  it('never writes a secret: tokens and hosts’ extra headers are redacted at any depth the core logs', async () => {
    const logger = createFileLogger({ file: join(dir, 'ollmchat.log') })
    logger.info('host saved', { url: 'http://h:11434', headers: { Authorization: 'Bearer s3cret' }, token: 'tok-123' })
    logger.warn('request refused', { request: { token: 'tok-456', authorization: 'Basic eA==' } })
    const text = readFileSync(
      (logger.close(), await new Promise((resolve) => setTimeout(resolve, 20)), logger.file),
      'utf8',
    )
    expect(text).not.toMatch(/s3cret|tok-123|tok-456|eA==/)
    expect(text).toContain('[redacted]')
    expect(text).toContain('http://h:11434')
  })

  it('rotates by size, at start and while writing, keeping a bounded number of old files', async () => {
    const file = join(dir, 'ollmchat.log')
    const logger = createFileLogger({ file, maxBytes: 4_000, keep: 2 })
    // Lines arrive over time, as in the app: the file opens (asynchronously) while the first ones wait in memory.
    for (let index = 0; index < 2_000; index += 1) {
      logger.info('a line long enough to fill the file soon', { index })
      if (index % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 1))
    }
    logger.close()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(existsSync(`${file}.1`)).toBe(true)
    expect(existsSync(`${file}.2`)).toBe(true)
    expect(existsSync(`${file}.3`)).toBe(false)
    // Nothing is lost across a rotation: the newest line is in the file or the one just rotated out of it.
    expect(readFileSync(`${file}.1`, 'utf8') + readFileSync(file, 'utf8')).toContain('"index":1999')
  })

  it('reads OLLMCHAT_LOG_LEVEL leniently and falls back to info', () => {
    expect(logLevelFrom({})).toBe('info')
    expect(logLevelFrom({ OLLMCHAT_LOG_LEVEL: 'Warn' })).toBe('warn')
    expect(logLevelFrom({ OLLMCHAT_LOG_LEVEL: 'verbose' })).toBe('info')
  })
})

describe('the app log', () => {
  it('goes to ollmchat.log in the folder given and names that file for the messages that point to it', async () => {
    const appLog = openAppLog(join(dir, 'logs'), { OLLMCHAT_LOG_LEVEL: 'debug' })
    appLog.log.debug('only in the file')
    expect(appLog.log.file).toBe(join(dir, 'logs', 'ollmchat.log'))
    appLog.close()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(readFileSync(appLog.file, 'utf8')).toContain('only in the file')
  })
})
