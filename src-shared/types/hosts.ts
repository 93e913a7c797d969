import type { AppError } from '../ipc/result'

/** One Ollama host ollmchat knows. Header values never leave main: the window sees their names only. */
export interface HostEntry {
  id: string
  /** Normalised address, e.g. `http://192.168.1.20:11434`. */
  url: string
  /** A name the user gave it, e.g. "Work GPU". */
  name: string | null
  /** Names of the extra headers sent to it (e.g. `Authorization` for an Ollama behind a proxy). */
  headerNames: string[]
}

/** What `hosts:check` found at one host. */
export interface HostStatus {
  /** One of `Settings.hosts`, or `''` for the default (`OLLAMA_HOST`, else `http://127.0.0.1:11434`). */
  hostId: string
  url: string
  state: 'reachable' | 'unreachable'
  version: string | null
  /** Why this Ollama is too old for ollmchat (e.g. before 0.5.5 `/api/create` cannot derive a model), or `null`. */
  tooOld: string | null
  error: AppError | null
}
