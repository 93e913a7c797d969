import {
  changedOptions,
  checkNumericOption,
  checkStopSequences,
  NUMERIC_OPTION_RULES,
  type ConversationOptions,
  type NumericOptionKey,
  type OptionKey,
} from '../../../../src-shared/conversation-options'

/** What the form holds: the text of each field; an empty field means "the model's own value". */
export type OptionDraft = Record<OptionKey, string>

/** Stop sequences are edited one per line; a sequence with a line break cannot be typed here (rare in practice). */
export function draftFrom(options: ConversationOptions): OptionDraft {
  const draft = { stop: (options.stop ?? []).join('\n') } as OptionDraft
  for (const rule of NUMERIC_OPTION_RULES)
    draft[rule.key] = options[rule.key] === undefined ? '' : String(options[rule.key])
  return draft
}

export const EMPTY_DRAFT: OptionDraft = draftFrom({})

export type DraftReading =
  { ok: true; options: ConversationOptions } | { ok: false; errors: Partial<Record<OptionKey, string>> }

/**
 * The options to save: each filled field checked by the shared rule (the same sentence main would give), and only
 * the values that differ from the model's own kept, so a value equal to the model's is not stored as a change.
 */
export function readDraft(draft: OptionDraft, own: Required<ConversationOptions> | null): DraftReading {
  const errors: Partial<Record<OptionKey, string>> = {}
  const options: Record<string, unknown> = {}
  for (const rule of NUMERIC_OPTION_RULES) {
    const text = draft[rule.key].trim()
    if (text === '') continue
    const value = Number(text)
    const problem = checkNumericOption(rule, value)
    if (problem !== null) errors[rule.key] = problem
    else options[rule.key] = value
  }
  const stop = draft.stop.split('\n').filter((line) => line !== '')
  if (stop.length > 0) {
    const problem = checkStopSequences(stop)
    if (problem !== null) errors.stop = problem
    else options.stop = stop
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const chosen = options as ConversationOptions
  return { ok: true, options: own === null ? chosen : changedOptions(chosen, own) }
}

/** The model's own value as the field shows it when empty. */
export function ownText(own: Required<ConversationOptions> | null, key: NumericOptionKey): string {
  return own === null ? '' : String(own[key])
}
