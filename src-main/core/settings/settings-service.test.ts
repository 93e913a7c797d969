import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { silentLogger } from '../log'
import type { Settings } from '../../../src-shared/types'
import { DEFAULT_SETTINGS } from '../../../src-shared/types'
import type { KeyValueStore } from '../core-types'
import { createSettingsService } from './settings-service'
import { asNumCtx } from '../../test-support/num-ctx'
import { failureCode, H, modelKey, useSettingsService } from './test-fixtures/settings-service-fixture'

// The settings themselves and how they are read and kept; hosts and their model options have
// settings-service-hosts.test.ts.

const settings = useSettingsService()
const { open, fileJson } = settings

describe('get and update', () => {
  it('starts from the defaults', () => {
    expect(settings.service.get(H)).toEqual(DEFAULT_SETTINGS)
  })

  it('stores each setting and reads it back after reopening', () => {
    const updated = settings.service.update(
      {
        ollamaHost: 'localhost',
        theme: 'dark',
        defaultModel: ' llama3:latest ',
        lastConversationId: 'c-1',
        tempModelLimit: 3,
        notifyTempModelCreated: true,
      },
      H,
    )
    const host = { id: updated.activeHostId ?? '', url: 'http://localhost:11434', name: null, headerNames: [] }
    const expected: Settings = {
      ...DEFAULT_SETTINGS,
      ollamaHost: 'http://localhost:11434',
      theme: 'dark',
      defaultModel: 'llama3:latest',
      lastConversationId: 'c-1',
      hosts: [host],
      activeHostId: host.id,
      tempModelLimit: 3,
      notifyTempModelCreated: true,
    }
    expect(updated).toEqual(expected)
    expect(open().get(H)).toEqual(expected)
  })

  it('treats empty text and null as "not set"', () => {
    settings.service.update({ ollamaHost: 'http://10.0.0.2:11434', defaultModel: 'a', lastConversationId: 'b' }, H)
    expect(settings.service.update({ ollamaHost: '  ', defaultModel: '', lastConversationId: null }, H)).toMatchObject({
      ollamaHost: null,
      defaultModel: null,
      lastConversationId: null,
    })
  })

  it('validates the whole patch before writing any of it', () => {
    expect(failureCode(() => settings.service.update({ theme: 'dark', ollamaHost: 'ftp://x' }, H))).toMatch(
      /^INVALID_INPUT: .*http:\/\/ or https:\/\//,
    )
    expect(failureCode(() => settings.service.update({ theme: 'blue' as 'dark' }, H))).toBe(
      'INVALID_INPUT: theme must be "system", "light" or "dark".',
    )
    expect(failureCode(() => settings.service.update({ defaultModel: 3 as unknown as string }, H))).toBe(
      'INVALID_INPUT: defaultModel must be text or null.',
    )
    expect(failureCode(() => settings.service.update({ modelOptions: {} } as never, H))).toBe(
      'INVALID_INPUT: "modelOptions" is not a setting that can be changed here.',
    )
    expect(failureCode(() => settings.service.update(null as never, H))).toBe(
      'INVALID_INPUT: Settings must be an object.',
    )
    expect(failureCode(() => settings.service.update({ tempModelLimit: 0 }, H))).toBe(
      'INVALID_INPUT: The limit of temporary models must be a whole number from 1 to 64.',
    )
    expect(failureCode(() => settings.service.update({ activeHostId: 'nope' }, H))).toBe(
      'INVALID_INPUT: That host is no longer in the list.',
    )
    expect(settings.service.get(H)).toEqual(DEFAULT_SETTINGS)
  })

  it('falls back to defaults for values of the wrong type in the store', () => {
    const values = new Map<string, unknown>([
      ['theme', 'sepia'],
      ['hosts', 5],
      ['tempModelLimit', 1000],
      ['hostModelOptions', { [H]: { a: { numCtx: 'big' }, b: { numCtx: 2048 }, c: null } }],
    ])
    const memory: KeyValueStore = {
      get: (key) => values.get(key),
      set: (key, value) => void values.set(key, value),
      delete: (key) => void values.delete(key),
    }
    const loose = createSettingsService(memory, { modelKey, log: silentLogger })
    expect(loose.get(H)).toEqual({ ...DEFAULT_SETTINGS, modelOptions: { b: { numCtx: 2048 } } })
    expect(loose.getNumCtx(H, 'a')).toBeNull()
  })
})

describe('reading the store', () => {
  const countingStore = () => {
    const values = new Map<string, unknown>()
    const reads: string[] = []
    const store: KeyValueStore = {
      get: (key) => (reads.push(key), values.get(key)),
      set: (key, value) => void values.set(key, value),
      delete: (key) => void values.delete(key),
    }
    return { store, reads }
  }

  it('reads the model options once per lookup, however many models it is asked about', () => {
    const { store, reads } = countingStore()
    const counted = createSettingsService(store, { modelKey, log: silentLogger })
    counted.setNumCtx(H, 'a', asNumCtx(2048))
    reads.length = 0
    const numCtxOf = counted.numCtxLookup(H)
    expect(['a', 'A:latest', 'b', 'c'].map(numCtxOf)).toEqual([2048, 2048, null, null])
    expect(reads).toEqual(['hostModelOptions'])
  })

  it('reads each setting once per update and returns the merged result', () => {
    const { store, reads } = countingStore()
    const counted = createSettingsService(store, { modelKey, log: silentLogger })
    expect(counted.update({ theme: 'dark', defaultModel: 'qwen3:8b' }, H)).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'dark',
      defaultModel: 'qwen3:8b',
    })
    expect(new Set(reads)).toEqual(
      new Set([
        'activeHostId',
        'defaultModel',
        'hostModelOptions',
        'hosts',
        'lastConversationId',
        'notifyTempModelCreated',
        'replyIdleMinutes',
        'systemPromptPresets',
        'tempModelLimit',
        'theme',
      ]),
    )
    expect(counted.get(H)).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', defaultModel: 'qwen3:8b' })
  })

  it('reads only replyIdleMinutes for a reply start, with the value and default of the whole settings', () => {
    const { store, reads } = countingStore()
    const counted = createSettingsService(store, { modelKey, log: silentLogger })
    expect(counted.replyIdleMinutes()).toBe(5)
    counted.update({ replyIdleMinutes: 7 }, H)
    reads.length = 0
    expect(counted.replyIdleMinutes()).toBe(7)
    expect(reads).toEqual(['replyIdleMinutes'])
  })
})

describe('a corrupt file under the service', () => {
  it('keeps working with what could be saved from the file', () => {
    settings.service.update({ theme: 'dark', defaultModel: 'qwen3:8b' }, H)
    settings.service.setNumCtx(H, 'llama3', asNumCtx(8192))
    writeFileSync(join(settings.dir, 'settings.json'), JSON.stringify({ ...fileJson(), theme: 42 }))
    expect(settings.service.get(H)).toEqual({
      ...DEFAULT_SETTINGS,
      defaultModel: 'qwen3:8b',
      modelOptions: { 'llama3:latest': { numCtx: 8192 } },
    })
    expect(open().get(H).defaultModel).toBe('qwen3:8b')
  })
})

describe('the time a reply may go silent', () => {
  it('is five minutes until changed, takes whole minutes from 1 to 60 and reads a damaged value as the default', () => {
    expect(settings.service.get(H).replyIdleMinutes).toBe(5)
    expect(settings.service.update({ replyIdleMinutes: 12 }, H).replyIdleMinutes).toBe(12)
    for (const minutes of [0, 61, 1.5]) {
      expect(() => settings.service.update({ replyIdleMinutes: minutes }, H)).toThrow(
        'The time to wait for Ollama must be a whole number of minutes from 1 to 60.',
      )
    }
    expect(settings.service.get(H).replyIdleMinutes).toBe(12)
    writeFileSync(join(settings.dir, 'settings.json'), JSON.stringify({ ...fileJson(), replyIdleMinutes: 'soon' }))
    expect(open().get(H).replyIdleMinutes).toBe(5)
  })
})
