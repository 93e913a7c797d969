import { Trash2 } from 'lucide-react'
import { useState } from 'react'
import { checkPreset, checkPresetList, type SystemPromptPreset } from '../../../../src-shared/prompt-presets'
import { errorText } from '../../../lib/error-text'
import { newRequestId } from '../../../lib/request-id'
import { useApp } from '../../../store/store-context'

interface PresetProps {
  idPrefix: string
  /** The system prompt as typed now: what "Save as preset" saves. */
  text: string
  /** Puts a picked preset's text in the system prompt field (saved with the field's own Save). */
  onPick: (text: string) => void
}

/**
 * Saved system prompts (Settings `systemPromptPresets`): pick one to fill the field, save what is typed as a new
 * preset or over the picked one, rename, delete. Every change is one `settings:update` with the whole list, checked
 * by the shared preset rule here and again in main.
 */
export function PromptPresets({ idPrefix, text, onPick }: PresetProps) {
  const presets = useApp((state) => state.settings.systemPromptPresets)
  const updateSettings = useApp((state) => state.updateSettings)
  const [pickedId, setPickedId] = useState('')
  const [name, setName] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const picked = presets.find((preset) => preset.id === pickedId)

  const store = async (next: SystemPromptPreset[], done: string) => {
    const invalid = checkPresetList(next)
    if (invalid !== null) return setProblem(invalid)
    const failure = await updateSettings({ systemPromptPresets: next })
    setProblem(failure ? errorText(failure) : null)
    setSaved(failure ? null : done)
  }
  const pick = (id: string) => {
    setPickedId(id)
    setProblem(null)
    setSaved(null)
    const preset = presets.find((candidate) => candidate.id === id)
    setName(preset?.name ?? '')
    if (preset) onPick(preset.text)
  }
  const save = () => {
    const draft = { name, text }
    const invalid = checkPreset(draft)
    if (invalid !== null) return setProblem(invalid)
    if (picked)
      return void store(
        presets.map((preset) => (preset.id === picked.id ? { ...preset, ...draft } : preset)),
        `Saved “${name.trim()}”.`,
      )
    const id = newRequestId()
    void store([...presets, { id, ...draft }], `Saved “${name.trim()}” as a preset.`).then(() => setPickedId(id))
  }
  const remove = () => {
    if (!picked) return
    void store(
      presets.filter((preset) => preset.id !== picked.id),
      `Deleted “${picked.name}”.`,
    )
    setPickedId('')
    setName('')
  }

  const pickId = `${idPrefix}-preset`
  const nameId = `${idPrefix}-preset-name`
  return (
    <div className="preset-panel">
      {presets.length > 0 && (
        <div className="preset-bar">
          <div className="preset-bar__pick">
            <label className="field-label" htmlFor={pickId}>
              Preset
            </label>
            <select id={pickId} className="select" value={pickedId} onChange={(event) => pick(event.target.value)}>
              <option value="">Choose a saved prompt…</option>
              {presets.map((preset) => (
                <option key={preset.id} value={preset.id}>
                  {preset.name}
                </option>
              ))}
            </select>
          </div>
          {picked && (
            <button
              type="button"
              className="button button--ghost"
              aria-label={`Delete the preset “${picked.name}”`}
              onClick={remove}
            >
              <Trash2 size={14} aria-hidden />
              Delete
            </button>
          )}
        </div>
      )}
      <div className="preset-form">
        <div className="preset-form__name">
          <label className="field-label" htmlFor={nameId}>
            {picked ? 'Preset name' : 'Save the prompt below as a preset named'}
          </label>
          <input
            id={nameId}
            className="input"
            value={name}
            placeholder="For example: Concise"
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <button type="button" className="button button--ghost" onClick={save}>
          {picked ? 'Update preset' : 'Save as preset'}
        </button>
      </div>
      <p className={problem === null ? 'field-help' : 'field-error'} role="status">
        {problem ?? saved ?? ''}
      </p>
    </div>
  )
}
