import { describe, expect, it } from 'vitest'
import { describeIssues, inputSchemas } from '../ipc/input-schemas'
import { settingsPatchSchema } from './settings-patch'

/** The sentence `settings:update` answers a patch with, as `dispatch` and `SettingsService.update` build it. */
const refusal = (patch: unknown) => {
  const parsed = settingsPatchSchema.safeParse(patch)
  return parsed.success ? 'accepted' : `${describeIssues(parsed.error)}.`
}

describe('the one check of a settings patch', () => {
  it('is the IPC input schema of settings:update', () => {
    expect(inputSchemas['settings:update']).toBe(settingsPatchSchema)
  })

  it('refuses in whole sentences, without a field name put before a sentence that names it', () => {
    expect(refusal({ theme: 'blue' })).toBe('theme must be "system", "light" or "dark".')
    expect(refusal({ defaultModel: 3 })).toBe('defaultModel must be text or null.')
    expect(refusal({ modelOptions: {} })).toBe('"modelOptions" is not a setting that can be changed here.')
    expect(refusal(null)).toBe('Settings must be an object.')
    expect(refusal({ tempModelLimit: 0 })).toBe('The limit of temporary models must be a whole number from 1 to 64.')
    expect(refusal({ replyIdleMinutes: 1.5 })).toBe(
      'The time to wait for Ollama must be a whole number of minutes from 1 to 60.',
    )
    expect(refusal({ notifyTempModelCreated: 'yes' })).toBe('notifyTempModelCreated must be true or false.')
    expect(refusal({ ollamaHost: 'ftp://x' })).toMatch(
      /^The Ollama address must start with http:\/\/ or https:\/\/ .*\)\.$/,
    )
    expect(refusal({ systemPromptPresets: 'none' })).toBe('The presets must be a list.')
    expect(refusal({ systemPromptPresets: [{ id: 'a', name: ' ', text: 'x' }] })).toBe('A preset needs a name.')
  })

  it('gives the values as stored: text trimmed, empty text as null, the address normalized, preset names trimmed', () => {
    expect(
      settingsPatchSchema.parse({ defaultModel: ' llama3 ', lastConversationId: null, ollamaHost: 'localhost' }),
    ).toEqual({
      defaultModel: 'llama3',
      lastConversationId: null,
      ollamaHost: 'http://localhost:11434',
    })
    expect(settingsPatchSchema.parse({ defaultModel: '  ', ollamaHost: '' })).toEqual({
      defaultModel: null,
      ollamaHost: null,
    })
    expect(
      settingsPatchSchema.parse({ systemPromptPresets: [{ id: 'a', name: ' Terse ', text: 'Be brief.' }] }),
    ).toEqual({
      systemPromptPresets: [{ id: 'a', name: 'Terse', text: 'Be brief.' }],
    })
  })
})
