import { MAX_SYSTEM_PROMPT_CHARS } from './limits'

/** A saved system prompt the user can pick for any conversation. */
export interface SystemPromptPreset {
  id: string
  name: string
  text: string
}

/** Bounds of the preset list: enough for a personal library, small enough for the settings file and a menu. */
export const PRESET_RULE = { maxCount: 50, maxNameLength: 80, maxTextLength: MAX_SYSTEM_PROMPT_CHARS } as const

const PRESET_ID = /^[A-Za-z0-9_-]{1,64}$/

/** The first problem of one preset as the window would save it, or `null`. */
export function checkPreset(preset: { name: string; text: string }): string | null {
  const name = preset.name.trim()
  if (name === '') return 'A preset needs a name.'
  if (name.length > PRESET_RULE.maxNameLength)
    return `A preset name can be at most ${PRESET_RULE.maxNameLength} characters long.`
  if (preset.text.trim() === '') return 'A preset needs the text of its system prompt.'
  if (preset.text.length > PRESET_RULE.maxTextLength) {
    return `A preset can be at most ${PRESET_RULE.maxTextLength.toLocaleString('en-US')} characters long.`
  }
  return null
}

/** The first problem of a whole list (count, ids, each preset, names unique ignoring case), or `null`. */
export function checkPresetList(presets: readonly SystemPromptPreset[]): string | null {
  if (presets.length > PRESET_RULE.maxCount) return `At most ${PRESET_RULE.maxCount} presets can be saved.`
  const names = new Set<string>()
  const ids = new Set<string>()
  for (const preset of presets) {
    if (!PRESET_ID.test(preset.id) || ids.has(preset.id)) return 'Each preset needs an id of its own.'
    ids.add(preset.id)
    const problem = checkPreset(preset)
    if (problem !== null) return problem
    const key = preset.name.trim().toLocaleLowerCase('en-US')
    if (names.has(key)) return `There is already a preset named “${preset.name.trim()}”.`
    names.add(key)
  }
  return null
}

/** Keeps the readable presets of a stored value one by one (a damaged one is dropped, the others stay). */
export function readPresetList(value: unknown): SystemPromptPreset[] {
  if (!Array.isArray(value)) return []
  const kept: SystemPromptPreset[] = []
  for (const item of value.slice(0, PRESET_RULE.maxCount)) {
    if (typeof item !== 'object' || item === null) continue
    const { id, name, text } = item as Record<string, unknown>
    if (typeof id !== 'string' || typeof name !== 'string' || typeof text !== 'string') continue
    const candidate = { id, name: name.trim(), text }
    if (checkPresetList([...kept, candidate]) === null) kept.push(candidate)
  }
  return kept
}
