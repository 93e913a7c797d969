import { DEFAULT_REGISTRY } from './catalog'
import { FaultState } from './faults'
import type { StoredModel } from './manifest'
import { modelFromSpec, ModelStore } from './model-store'
import { nameKey } from './names'
import type { ModelName } from './names'
import { Scheduler } from './runners'
import type { SimEnvironment, SimModelSpec, SimOptions, SimReply } from './types'

/** Everything the route handlers share. */
export interface SimState {
  version: string
  keepAliveMs: number
  /** Hardware, OLLAMA_CONTEXT_LENGTH and cloud sign-in (`OllamaSim.configure` changes them). */
  env: SimEnvironment
  tokenDelayMs: number
  loadDelayMs: number
  now: () => number
  /** `now()` in nanoseconds with a sub-millisecond part, strictly increasing (chat `created_at`). */
  nowNs: () => bigint
  store: ModelStore
  scheduler: Scheduler
  faults: FaultState
  reply: SimReply | undefined
  /** Registry specs keyed by lower-case full name. */
  registry: Map<string, SimModelSpec>
  /** Re-pull counters keyed by lower-case full name, so a later pull gets the newest revision too. */
  revisions: Map<string, Revision>
}

/** How often the registry's copy of a model was republished, and how often with new weights. */
export interface Revision {
  manifest: number
  weights: number
}

const GiB = 1024 ** 3

/** The environment a simulator starts with: 8 GiB VRAM, 32 GiB RAM, automatic context, signed in. */
export function environmentOf(options: SimOptions): SimEnvironment {
  return {
    gpuMemoryBytes: options.gpuMemoryBytes ?? 8 * GiB,
    systemMemoryBytes: options.systemMemoryBytes ?? 32 * GiB,
    contextLengthEnv: options.contextLengthEnv ?? 0,
    cloudAuth: options.cloudAuth ?? 'signed-in',
  }
}

const toSpec = (entry: string | SimModelSpec): SimModelSpec => (typeof entry === 'string' ? { name: entry } : entry)

/** Builds the state and installs the start-up models (first listed = most recently modified). */
export function createState(options: SimOptions): SimState {
  const now = options.now ?? Date.now
  const keepAliveMs = options.keepAliveMs ?? 5 * 60_000
  let lastNs = 0n
  const nowNs = () => {
    const ns = BigInt(Math.floor(now())) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n)
    lastNs = ns > lastNs ? ns : lastNs + 1n
    return lastNs
  }
  const state: SimState = {
    version: options.version ?? '0.32.15',
    keepAliveMs,
    env: environmentOf(options),
    tokenDelayMs: options.tokenDelayMs ?? 0,
    loadDelayMs: options.loadDelayMs ?? 0,
    now,
    nowNs,
    store: new ModelStore(now),
    scheduler: new Scheduler(now, keepAliveMs),
    faults: new FaultState(),
    reply: options.reply,
    registry: new Map(),
    revisions: new Map(),
  }
  for (const entry of options.registry ?? DEFAULT_REGISTRY) {
    const spec = toSpec(entry)
    const model = modelFromSpec(spec)
    state.registry.set(nameKey(model.name), spec)
  }
  const initial = (options.models ?? []).map((entry) => modelFromSpec(entry))
  const base = state.store.stamp()
  initial.forEach((model, i) => {
    // An hour apart, older the further down the list, all before anything created later.
    state.store.put(model, base - BigInt(i + 1) * 3_600_000_000_000n)
  })
  return state
}

/** The model the registry would deliver for `name`, stored under `name` exactly as given. */
export function registryModel(state: SimState, name: ModelName): StoredModel | undefined {
  const spec = state.registry.get(nameKey(name))
  if (spec === undefined) return undefined
  const revision = state.revisions.get(nameKey(name))
  const model = modelFromSpec(spec, revision?.manifest ?? 0, revision?.weights ?? 0)
  model.name = name
  return model
}
