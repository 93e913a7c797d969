import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openHistoryStore, type HistoryStore } from './history-store'
import type { NumCtx } from '../../../src-shared/num-ctx'
import { asNumCtx } from '../../test-support/num-ctx'

const host = 'http://127.0.0.1:11434'
const record = {
  path: 'ollmchat-temp/Llama3-oc8192',
  baseModel: 'llama3:latest',
  baseDigest: 'sha256:abc',
  numCtx: asNumCtx(8192),
  createdAt: '2025-01-01T00:00:00.000Z',
}

let dir: string
let file: string
let store: HistoryStore
const reopen = () => {
  store.close()
  store = openHistoryStore({ file })
  return store
}
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ollmchat-temp-table-'))
  file = join(dir, 'history.sqlite')
  store = openHistoryStore({ file })
})
afterEach(() => {
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('temporary models in the history database', () => {
  it('persists records across reopen, with case-insensitive paths', () => {
    store.tempModels.forHost(host).set(record)
    store.tempModels.forHost(host).set({ ...record, path: 'ollmchat-temp/qwen3-oc4096', numCtx: asNumCtx(4096) })
    const reopened = reopen().tempModels.forHost(host)
    expect(reopened.get('OLLMCHAT-TEMP/llama3-OC8192')).toEqual({ ...record, host, lastUsedAt: null })
    expect(
      reopened
        .all()
        .map((r) => r.numCtx)
        .sort(),
    ).toEqual([4096, 8192])
    reopened.delete('ollmchat-temp/LLAMA3-oc8192')
    reopened.delete('ollmchat-temp/unknown')
    expect(
      reopen()
        .tempModels.forHost(host)
        .all()
        .map((r) => r.path),
    ).toEqual(['ollmchat-temp/qwen3-oc4096'])
  })

  it('replaces a record with the same path, records its last use, and refuses incomplete ones', () => {
    const table = store.tempModels.forHost(host)
    table.set(record)
    table.touch(record.path, '2025-02-02T00:00:00.000Z')
    table.set({ ...record, baseDigest: 'sha256:new' })
    expect(table.get(record.path)).toMatchObject({ baseDigest: 'sha256:new', lastUsedAt: '2025-02-02T00:00:00.000Z' })
    expect(table.all()).toHaveLength(1)
    // A record built around the type (from untyped data) is still refused by the record's schema.
    expect(() => table.set({ ...record, numCtx: 0 as NumCtx })).toThrow(TypeError)
  })

  it('keeps each host to its own records, and lists the hosts that have any', () => {
    const other = 'http://192.168.1.20:11434'
    store.tempModels.forHost(host).set(record)
    expect(store.tempModels.forHost(other).get(record.path)).toBeUndefined()
    store.tempModels.forHost(other).set({ ...record, baseDigest: 'sha256:other' })
    store.tempModels.forHost(other).delete(record.path)
    expect(store.tempModels.forHost(host).get(record.path)).toMatchObject({ baseDigest: 'sha256:abc' })
    store.tempModels.forHost(other).set(record)
    expect(store.tempModels.hosts()).toEqual([host, other])
  })
})
