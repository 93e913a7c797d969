// What a reply start costs in settings reads: the file is parsed (read, JSON, conf's schema) once while it is
// unchanged, however many settings and turns read it; a write through the store or an edit from outside is seen.
import type * as fs from 'node:fs'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { asNumCtx } from '../../test-support/num-ctx'
import { silentLogger } from '../log'
import { openFileSettingsStore } from './file-settings-store'
import { createSettingsService, type SettingsService } from './settings-service'

// Every check of the file goes through this spy (it calls the real `statSync`), so a test can count them.
const stats = vi.hoisted(() => ({ calls: 0 }))
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>()
  const statSync = ((...args: Parameters<typeof real.statSync>) => {
    stats.calls++
    return real.statSync(...args)
  }) as typeof real.statSync
  return { ...real, statSync, default: { ...real, statSync } }
})

const H = 'http://127.0.0.1:11434'
const modelKey = (model: string) => (model.includes(':') ? model : `${model}:latest`)

let dir: string
let settings: SettingsService
const file = () => join(dir, 'settings.json')
/** What `runReply` reads of the settings before its first request (`open-core.ts` `replyServices`). */
const replyStart = () => ({ numCtx: settings.getNumCtx(H, 'llama3'), idleMinutes: settings.replyIdleMinutes() })

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ollmchat-settings-snapshot-'))
  settings = createSettingsService(openFileSettingsStore(dir, { log: silentLogger }), { modelKey, log: silentLogger })
  settings.setNumCtx(H, 'llama3', asNumCtx(8192))
})
afterEach(() => {
  vi.restoreAllMocks()
  rmSync(dir, { recursive: true, force: true })
})

describe('the settings file under reply starts', () => {
  it('is parsed once for any number of reply starts while it is unchanged', () => {
    const parses = vi.spyOn(Conf.prototype, 'store', 'get')
    for (let turn = 0; turn < 3; turn++) expect(replyStart()).toEqual({ numCtx: 8192, idleMinutes: 5 })
    expect(parses).toHaveBeenCalledTimes(1)
  })

  it('is read again after a write through the store and after an edit from outside', () => {
    expect(replyStart()).toEqual({ numCtx: 8192, idleMinutes: 5 })
    settings.update({ replyIdleMinutes: 7 }, H)
    expect(replyStart()).toEqual({ numCtx: 8192, idleMinutes: 7 })
    const json = JSON.parse(readFileSync(file(), 'utf8')) as Record<string, unknown>
    writeFileSync(
      file(),
      JSON.stringify({
        ...json,
        replyIdleMinutes: 9,
        hostModelOptions: { [H]: { 'llama3:latest': { numCtx: 4096 } } },
      }),
    )
    expect(replyStart()).toEqual({ numCtx: 4096, idleMinutes: 9 })
  })

  it('hands out values no caller can change for the others', () => {
    const hosts = openFileSettingsStore(dir, { log: silentLogger }).get('hostModelOptions') as Record<string, unknown>
    expect(() => {
      hosts[H] = {}
    }).toThrow(TypeError)
    expect(replyStart().numCtx).toBe(8192)
  })
})

describe('the settings file under a model listing', () => {
  // `settings.get(host)` runs for every listing (a visible window polls) and after each reply: it reads about a dozen
  // keys, and a check of the file per key was a dozen `stat` calls each time.
  it('is checked once per `get(host)`, however many settings it reads', () => {
    settings.get(H)
    stats.calls = 0
    expect(settings.get(H).modelOptions).toEqual({ 'llama3:latest': { numCtx: 8192 } })
    expect(stats.calls).toBe(1)
    stats.calls = 0
    settings.activeHost()
    expect(stats.calls).toBe(1)
  })
})
