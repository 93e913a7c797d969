// System prompt presets in the settings: validated as one list, stored in settings.json, read back preset by preset.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../log'
import { openFileSettingsStore } from './file-settings-store'
import { createSettingsService, type SettingsService } from './settings-service'

const HOST = 'http://127.0.0.1:11434'
let dir: string
let service: SettingsService
const open = () =>
  createSettingsService(openFileSettingsStore(dir, { log: silentLogger }), { modelKey: (m) => m, log: silentLogger })
const refusal = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message }
  }
  return null
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ollmchat-presets-'))
  service = open()
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('system prompt presets', () => {
  it('start empty, save with trimmed names, and survive a new service on the same file', () => {
    expect(service.get(HOST).systemPromptPresets).toEqual([])
    const saved = service.update(
      { systemPromptPresets: [{ id: 'p1', name: '  Terse ', text: 'Answer briefly.' }] },
      HOST,
    )
    expect(saved.systemPromptPresets).toEqual([{ id: 'p1', name: 'Terse', text: 'Answer briefly.' }])
    expect(open().get(HOST).systemPromptPresets).toEqual([{ id: 'p1', name: 'Terse', text: 'Answer briefly.' }])
    expect(service.update({ systemPromptPresets: [] }, HOST).systemPromptPresets).toEqual([])
  })

  it.each([
    [[{ id: 'a', name: ' ', text: 'x' }], 'A preset needs a name.'],
    [[{ id: 'a', name: 'N', text: '  ' }], 'A preset needs the text of its system prompt.'],
    [
      [
        { id: 'a', name: 'Same', text: 'x' },
        { id: 'b', name: 'same', text: 'y' },
      ],
      'There is already a preset named “same”.',
    ],
    [
      [
        { id: 'a', name: 'One', text: 'x' },
        { id: 'a', name: 'Two', text: 'y' },
      ],
      'Each preset needs an id of its own.',
    ],
    [
      Array.from({ length: 51 }, (_, i) => ({ id: `p${i}`, name: `P${i}`, text: 'x' })),
      'At most 50 presets can be saved.',
    ],
  ])('refuse a bad list with a sentence and keep the stored one (%#)', (presets, message) => {
    service.update({ systemPromptPresets: [{ id: 'keep', name: 'Keep', text: 'Kept.' }] }, HOST)
    expect(refusal(() => service.update({ systemPromptPresets: presets }, HOST))).toEqual({
      code: 'INVALID_INPUT',
      message,
    })
    expect(service.get(HOST).systemPromptPresets.map((preset) => preset.id)).toEqual(['keep'])
  })

  it('read a hand-edited file preset by preset: a damaged one is dropped, the rest kept', () => {
    service.update({ theme: 'dark' }, HOST)
    const file = join(dir, 'settings.json')
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    json.systemPromptPresets = [
      { id: 'ok', name: 'Fine', text: 'Good.' },
      { id: 'bad', name: '', text: 'No name.' },
      { id: 'ok', name: 'Dup', text: 'Same id.' },
    ]
    writeFileSync(file, JSON.stringify(json))
    expect(open().get(HOST).systemPromptPresets).toEqual([{ id: 'ok', name: 'Fine', text: 'Good.' }])
  })
})
