import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import Conf from 'conf'
import { afterEach, describe, expect, it } from 'vitest'
import { SETTINGS_DEFAULTS, SETTINGS_SCHEMA, SETTINGS_STORE_OPTIONS, type StoredSettings } from './settings-schema'
import { storedSettingsSchema } from './stored-shapes'

/** The schema conf builds from its `schema` option, compiled as conf compiles it (Ajv, draft 2020-12). */
const confValidator = () => new Ajv2020({ allErrors: true }).compile({ type: 'object', properties: SETTINGS_SCHEMA })

let dir: string | undefined
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

describe('the settings file schema derived from the zod shapes', () => {
  it('accepts the defaults, in conf and in zod', () => {
    expect(confValidator()({ ...SETTINGS_DEFAULTS })).toBe(true)
    expect(storedSettingsSchema.safeParse({ ...SETTINGS_DEFAULTS }).success).toBe(true)
  })

  it('refuses the same bad values zod refuses', () => {
    const validate = confValidator()
    const bad: Record<string, unknown>[] = [
      { theme: 'sepia' },
      { tempModelLimit: 0 },
      { replyIdleMinutes: 61 },
      { hostModelOptions: { h: { 'llama3:latest': { numCtx: 1.5 } } } },
      { hosts: [{ id: '', url: 'http://x', name: null, headerNames: [] }] },
      { window: { width: 800, maximized: false } },
    ]
    for (const change of bad) {
      const file = { ...SETTINGS_DEFAULTS, ...change }
      expect(validate(file), JSON.stringify(change)).toBe(false)
      expect(storedSettingsSchema.safeParse(file).success, JSON.stringify(change)).toBe(false)
    }
  })

  it('keeps accepting fields a newer ollmchat may add', () => {
    const file = {
      ...SETTINGS_DEFAULTS,
      futureSetting: 1,
      hosts: [{ id: 'a', url: 'http://x', name: null, headerNames: [], colour: 'red' }],
    }
    expect(confValidator()(file)).toBe(true)
  })

  it('is taken by conf 15 as its schema: a valid file opens, an invalid one is refused', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ollmchat-stored-shapes-'))
    dir = cwd
    const { name, ...shared } = SETTINGS_STORE_OPTIONS
    const open = () => new Conf<StoredSettings>({ ...shared, configName: name, cwd, projectName: 'ollmchat' })
    expect(open().get('theme')).toBe('system')
    writeFileSync(join(cwd, `${name}.json`), JSON.stringify({ ...SETTINGS_DEFAULTS, tempModelLimit: 'many' }))
    expect(open).toThrow(/Config schema violation: .*tempModelLimit/)
  })
})
