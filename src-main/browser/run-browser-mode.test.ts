import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryLogger, silentLogger } from '../core/log'
import { runBrowserMode } from './run-browser-mode'

/** Descriptors this process holds on files under `dir` (Linux exposes them under /proc/self/fd). */
function openFilesUnder(dir: string): string[] {
  const files: string[] = []
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(join('/proc/self/fd', fd))
      if (target.startsWith(dir)) files.push(target)
    } catch {
      // The descriptor readdir itself used is gone by now.
    }
  }
  return files
}

describe('runBrowserMode', () => {
  let dataDir: string
  let blocker: Server

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ollmchat-browser-mode-'))
    blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
  })
  afterEach(async () => {
    await new Promise<void>((resolve) => blocker.close(() => resolve()))
    rmSync(dataDir, { recursive: true, force: true })
  })

  const options = (port: number) => ({
    dataDir,
    rendererDir: dataDir,
    version: '0.0.0-test',
    log: silentLogger,
    port,
    env: { OLLAMA_HOST: 'http://127.0.0.1:1' },
  })

  // The history database is the resource the core holds; /proc/self/fd shows it (Linux only, where CI runs).
  it.skipIf(process.platform !== 'linux')(
    'stops the core (closing its database) and rethrows when the port is taken',
    async () => {
      const taken = (blocker.address() as AddressInfo).port
      await expect(runBrowserMode(options(taken))).rejects.toMatchObject({ code: 'EADDRINUSE' })
      expect(openFilesUnder(dataDir)).toEqual([])
    },
  )

  it('starts again on a free port with the same data folder after a failed start', async () => {
    const taken = (blocker.address() as AddressInfo).port
    await expect(runBrowserMode(options(taken))).rejects.toMatchObject({ code: 'EADDRINUSE' })
    const mode = await runBrowserMode(options(0))
    try {
      expect(mode.server.port).not.toBe(taken)
      const info = await mode.core.dispatch('app:getInfo', {})
      expect(info).toMatchObject({ ok: true, value: { mode: 'browser', dataDir } })
    } finally {
      await mode.close()
    }
  })

  it('logs that a damaged settings file was repaired, keeping its valid settings', async () => {
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ theme: 'purple', defaultModel: 'llama3:latest' }))
    const log = createMemoryLogger()
    const mode = await runBrowserMode({ ...options(0), log })
    try {
      const settings = await mode.core.dispatch('settings:get', {})
      expect(settings).toMatchObject({ ok: true, value: { theme: 'system', defaultModel: 'llama3:latest' } })
      expect(
        log.lines.some((line) => line.level === 'warn' && line.message.includes('the settings file was invalid')),
      ).toBe(true)
    } finally {
      await mode.close()
    }
  })
})
