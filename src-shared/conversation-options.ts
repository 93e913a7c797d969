/**
 * The per-conversation model options and thinking choice: names, types and ranges, shared so the window's form
 * refuses exactly what main refuses (main builds its zod schema from these rules).
 *
 * Types are Ollama's (`api/types.go` `Options`: `Seed`, `NumPredict`, `TopK` are `int`; `Temperature`, `TopP`,
 * `RepeatPenalty` are `float32`; `Stop` is `[]string`). Ollama checks only the type (`Options.FromMap` answers
 * 500 `option "top_k" must be of type integer`) and no range, so the ranges below are ollmchat's: what the samplers
 * (llama.cpp, through `llm/llama_server.go`) make sense of, wide enough for every recipe a model card gives.
 */

/** Option names as Ollama spells them in `options`, so they go on the wire as they are. */
export type NumericOptionKey = 'temperature' | 'top_p' | 'top_k' | 'seed' | 'num_predict' | 'repeat_penalty'

/** The options a conversation may set; absent means "the model's own value". */
export interface ConversationOptions {
  temperature?: number
  top_p?: number
  top_k?: number
  seed?: number
  num_predict?: number
  repeat_penalty?: number
  stop?: string[]
}

export type OptionKey = keyof ConversationOptions

export interface NumericOptionRule {
  key: NumericOptionKey
  label: string
  /** Ollama's Go type: `int` fields refuse fractions here (Ollama would silently truncate them). */
  type: 'integer' | 'float'
  min: number
  max: number
  step: number
  /** What Ollama uses when neither the model nor the request sets it (`api/types.go` `DefaultOptions`). */
  ollamaDefault: number
  help: string
}

/** In the order the form shows them. */
export const NUMERIC_OPTION_RULES: readonly NumericOptionRule[] = [
  {
    key: 'temperature',
    label: 'Temperature',
    type: 'float',
    min: 0,
    max: 2,
    step: 0.05,
    ollamaDefault: 0.8,
    help: 'Higher is more varied, lower more predictable; 0 always picks the likeliest word.',
  },
  {
    key: 'top_p',
    label: 'Top P',
    type: 'float',
    min: 0,
    max: 1,
    step: 0.05,
    ollamaDefault: 0.9,
    help: 'Picks among the likeliest words whose chances add up to this share.',
  },
  {
    key: 'top_k',
    label: 'Top K',
    type: 'integer',
    min: 0,
    max: 1000,
    step: 1,
    ollamaDefault: 40,
    help: 'Picks among this many likeliest words; 0 means no limit.',
  },
  {
    key: 'seed',
    label: 'Seed',
    type: 'integer',
    min: -1,
    max: 4_294_967_295,
    step: 1,
    ollamaDefault: -1,
    help: 'The same seed and prompt give the same reply; -1 picks a new one each time.',
  },
  {
    key: 'num_predict',
    label: 'Longest reply (tokens)',
    type: 'integer',
    min: -1,
    max: 1_048_576,
    step: 1,
    ollamaDefault: -1,
    help: 'The reply stops after this many tokens; -1 means no limit.',
  },
  {
    key: 'repeat_penalty',
    label: 'Repeat penalty',
    type: 'float',
    min: 0,
    max: 2,
    step: 0.05,
    ollamaDefault: 1,
    help: 'Above 1 discourages repeating recent words; 1 turns it off.',
  },
]

/** Stop sequences: llama.cpp takes any number; a handful covers every real use and keeps the request small. */
export const STOP_RULE = { key: 'stop', label: 'Stop sequences', maxCount: 8, maxLength: 200 } as const

export const NUMERIC_OPTION_KEYS: readonly NumericOptionKey[] = NUMERIC_OPTION_RULES.map((rule) => rule.key)
export const OPTION_KEYS: readonly OptionKey[] = [...NUMERIC_OPTION_KEYS, 'stop']

export function numericRule(key: NumericOptionKey): NumericOptionRule {
  const rule = NUMERIC_OPTION_RULES.find((candidate) => candidate.key === key)
  if (rule === undefined) throw new Error(`No rule for the option ${key}.`)
  return rule
}

/** "a number from 0 to 2" / "a whole number from -1 to 1,048,576": the end of every sentence about a range. */
export function rangeText(rule: NumericOptionRule): string {
  const kind = rule.type === 'integer' ? 'a whole number' : 'a number'
  return `${kind} from ${rule.min.toLocaleString('en-US')} to ${rule.max.toLocaleString('en-US')}`
}

/** `null` when the value fits the rule, else a sentence naming the option. */
export function checkNumericOption(rule: NumericOptionRule, value: unknown): string | null {
  const fits =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (rule.type === 'float' || Number.isInteger(value)) &&
    value >= rule.min &&
    value <= rule.max
  return fits ? null : `${rule.label} must be ${rangeText(rule)}.`
}

/** `null` when the stop sequences fit, else a sentence. Empty sequences are refused: they would stop at once. */
export function checkStopSequences(value: unknown): string | null {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    return 'Stop sequences must be a list of texts.'
  if (value.length > STOP_RULE.maxCount) return `At most ${STOP_RULE.maxCount} stop sequences can be set.`
  if (value.some((item: string) => item.length === 0)) return 'A stop sequence cannot be empty.'
  if (value.some((item: string) => item.length > STOP_RULE.maxLength)) {
    return `A stop sequence can be at most ${STOP_RULE.maxLength} characters long.`
  }
  return null
}

/** The first problem of a whole options object (unknown names included), or `null`. */
export function checkConversationOptions(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'Options must be an object.'
  for (const [key, item] of Object.entries(value)) {
    if (key === 'stop') {
      const problem = checkStopSequences(item)
      if (problem !== null) return problem
      continue
    }
    const rule = NUMERIC_OPTION_RULES.find((candidate) => candidate.key === key)
    if (rule === undefined) return `"${key}" is not an option ollmchat sets.`
    const problem = checkNumericOption(rule, item)
    if (problem !== null) return problem
  }
  return null
}

/** Keeps the valid entries of a stored value one by one (a damaged entry reads as "the model's own"). */
export function readConversationOptions(value: unknown): ConversationOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {}
  const result: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    if (
      key === 'stop'
        ? checkStopSequences(item) === null
        : NUMERIC_OPTION_RULES.some((rule) => rule.key === key && checkNumericOption(rule, item) === null)
    ) {
      result[key] = item
    }
  }
  return result
}

/**
 * The model's own value of each option: its `/api/show` parameters (parsed), else Ollama's default. `stop` has no
 * Ollama default (the template's own stop tokens apply), so it is `[]` when the model sets none.
 */
export function modelOwnOptions(parameters: Record<string, unknown>): Required<ConversationOptions> {
  const own: Record<string, unknown> = {}
  for (const rule of NUMERIC_OPTION_RULES) {
    const value = parameters[rule.key]
    own[rule.key] = typeof value === 'number' && Number.isFinite(value) ? value : rule.ollamaDefault
  }
  const stop = parameters['stop']
  own.stop = Array.isArray(stop)
    ? stop.filter((item): item is string => typeof item === 'string')
    : typeof stop === 'string'
      ? [stop]
      : []
  return own as Required<ConversationOptions>
}

const sameValue = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((item, index) => item === b[index]) : a === b

/** The options whose value differs from the model's own: what a conversation stores and sends. */
export function changedOptions(options: ConversationOptions, own: Required<ConversationOptions>): ConversationOptions {
  return Object.fromEntries(
    Object.entries(options).filter(([key, value]) => value !== undefined && !sameValue(value, own[key as OptionKey])),
  )
}

// ---- Thinking ----

/**
 * The levels Ollama accepts in `think` besides booleans (`api/types.go` `ThinkValue.IsValid`), minus "max", which
 * the harmony models map to "high" anyway (`server/routes.go` `ChatHandler`).
 */
export const THINK_LEVELS = ['low', 'medium', 'high'] as const
export type ThinkLevel = (typeof THINK_LEVELS)[number]

/** A conversation's thinking choice as sent in `think`; `null` (stored) means send nothing: the model's default. */
export type ThinkSetting = boolean | ThinkLevel

/** How a model's thinking is chosen: not at all, on/off, or by level. */
export type ThinkControl = 'none' | 'switch' | 'levels'

/**
 * Ollama refuses `think` on a model without the `thinking` capability (`server/routes.go` `ChatHandler`: 400
 * `"<model>" does not support thinking`). Levels only mean something to the gpt-oss family: the server renders
 * them through harmony only for it (`server/routes.go` `shouldUseHarmony`: family `gptoss`/`gpt-oss`), Ollama's
 * own app offers levels only for gpt-oss and booleans otherwise (`app/ui/app/src/components/ChatForm.tsx`
 * `modelSupportsThinkingLevels`), and gpt-oss cannot turn thinking off (ollama/ollama#11751), so it gets no "off".
 */
export function thinkControlFor(model: { capabilities: readonly string[]; family: string | null }): ThinkControl {
  if (!model.capabilities.includes('thinking')) return 'none'
  return model.family === 'gptoss' || model.family === 'gpt-oss' ? 'levels' : 'switch'
}

/**
 * Whether a model with `control` takes the choice `think` as the window offers it: on/off for `switch`, a level for
 * `levels`, nothing for `none`. Main sends `think` only when it fits, so a choice made elsewhere (an import, a model
 * changed since) never turns every reply into Ollama's 400.
 */
export function thinkFits(think: ThinkSetting, control: ThinkControl): boolean {
  if (control === 'none') return false
  return control === 'levels' ? typeof think === 'string' : typeof think === 'boolean'
}

export function isThinkSetting(value: unknown): value is ThinkSetting {
  return (
    typeof value === 'boolean' || (typeof value === 'string' && (THINK_LEVELS as readonly string[]).includes(value))
  )
}

/** The stored text of a thinking choice (`conversations.think`): `true`, `false` or a level. */
export function thinkToStored(value: ThinkSetting | null): string | null {
  return value === null ? null : String(value)
}

export function thinkFromStored(text: string | null): ThinkSetting | null {
  if (text === 'true') return true
  if (text === 'false') return false
  return isThinkSetting(text) ? text : null
}
