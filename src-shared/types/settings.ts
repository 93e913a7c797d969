import type { HostEntry } from './hosts'
import type { SystemPromptPreset } from '../prompt-presets'
import type { ModelOptions } from './models'

/** Every theme choice a person can make. */
export const THEMES = ['system', 'light', 'dark'] as const

/** How the window picks light or dark. */
export type ThemePreference = (typeof THEMES)[number]

/** True only for one of `THEMES`; anything else read from a file or the renderer is not a theme. */
export function isTheme(value: unknown): value is ThemePreference {
  return THEMES.includes(value as ThemePreference)
}

/** Settings the renderer may read. Window geometry stays in main. */
export interface Settings {
  /** The Ollama address chosen in the app; `null` means `OLLAMA_HOST`, else `http://127.0.0.1:11434`. */
  ollamaHost: string | null
  theme: ThemePreference
  /** The model new conversations start with when it is installed and can chat; `null` picks the first that can. */
  defaultModel: string | null
  /** The conversation to reopen at start. */
  lastConversationId: string | null
  /** Per-model options of the active host, keyed by the model's canonical name (lower case, full form). */
  modelOptions: Record<string, ModelOptions>
  /** Every Ollama host the user added; `ollamaHost` is the active one's address. */
  hosts: HostEntry[]
  /** The active host, or `null` for `OLLAMA_HOST` (else `http://127.0.0.1:11434`). */
  activeHostId: string | null
  /** At most this many temporary models per host; the least recently used unused one goes first. */
  tempModelLimit: number
  /** Say in the window when ollmchat creates a temporary model. */
  notifyTempModelCreated: boolean
  /** Saved system prompts, offered in the system-prompt panel of every conversation. */
  systemPromptPresets: SystemPromptPreset[]
  /** A reply Ollama sends nothing for this many minutes (before its first token or between two) is stopped. */
  replyIdleMinutes: number
}

/** The settings the renderer may change through `settings:update`. */
export interface SettingsPatch {
  ollamaHost?: string | null
  theme?: ThemePreference
  defaultModel?: string | null
  lastConversationId?: string | null
  /** Switches to a host of `hosts` (`null`: `OLLAMA_HOST` or the default). */
  activeHostId?: string | null
  tempModelLimit?: number
  notifyTempModelCreated?: boolean
  /** Replaces the whole list (save, edit and delete are one list each). */
  systemPromptPresets?: SystemPromptPreset[]
  replyIdleMinutes?: number
}

export const DEFAULT_SETTINGS: Settings = {
  ollamaHost: null,
  theme: 'system',
  defaultModel: null,
  lastConversationId: null,
  modelOptions: {},
  hosts: [],
  activeHostId: null,
  tempModelLimit: 8,
  notifyTempModelCreated: false,
  systemPromptPresets: [],
  replyIdleMinutes: 5,
}
