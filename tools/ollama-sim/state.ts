import type { BlobDownload } from './blob-download'
import { BlobFiles, blobsOf } from './blob-files'
import { DEFAULT_REGISTRY } from './catalog'
import { FaultState } from './faults'
import type { StoredModel } from './manifest'
import { modelFromSpec, ModelStore } from './model-store'
import { nameKey } from './names'
import type { ModelName } from './names'
import { Scheduler } from './runners'
import type { SimConditions, SimEnvironment, SimModelSpec, SimOptions, SimRegistryStatus, SimReply } from './types'

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
  registryStatus: SimRegistryStatus
  registryLatencyMs: number
  pullBytesPerSecond: number
  /** What the stand-in proxy requires: lower-case header name → exact value; empty = no proxy. */
  requiredHeaders: Map<string, string>
  /** Blob files, `-partial` downloads and free disk space. */
  blobs: BlobFiles
  /** Downloads under way by digest (`blobDownloadManager`), shared by every pull that needs the blob. */
  downloads: Map<string, BlobDownload>
}

/** How often the registry's copy of a model was republished, and how often with new weights. */
export interface Revision {
  manifest: number
  weights: number
}

const GiB = 1024 ** 3
/** The Ollama release `/api/version` reports by default, the one the simulator follows. */
export const DEFAULT_VERSION = '0.32.15'
/** 2 GB/s: a 4.7 GB model pulls in about 2.4 s, some 40 progress lines. */
export const DEFAULT_PULL_BYTES_PER_SECOND = 2e9

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
  const store = new ModelStore(now)
  const state: SimState = {
    version: options.version ?? DEFAULT_VERSION,
    keepAliveMs,
    env: environmentOf(options),
    tokenDelayMs: options.tokenDelayMs ?? 0,
    loadDelayMs: options.loadDelayMs ?? 0,
    now,
    nowNs,
    store,
    scheduler: new Scheduler(now, keepAliveMs),
    faults: new FaultState(),
    reply: options.reply,
    registry: new Map(),
    revisions: new Map(),
    registryStatus: options.registryStatus ?? 'online',
    registryLatencyMs: options.registryLatencyMs ?? 0,
    pullBytesPerSecond: options.pullBytesPerSecond ?? DEFAULT_PULL_BYTES_PER_SECOND,
    requiredHeaders: headerMap(options.requiredHeaders ?? {}),
    blobs: new BlobFiles(store, options.diskFreeBytes ?? Number.POSITIVE_INFINITY),
    downloads: new Map(),
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

/** Header names compare case-insensitively; Node hands them over in lower case. */
export function headerMap(headers: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
}

/**
 * `server/routes.go` `DeleteHandler`: the manifest goes (`Manifest.Remove`), then each of its blobs no other manifest
 * references (`RemoveLayers`). The scheduler is not touched: a loaded runner keeps running.
 */
export function deleteModel(state: SimState, model: StoredModel): boolean {
  if (!state.store.remove(model)) return false
  state.blobs.removeUnreferenced(blobsOf(model))
  return true
}

const ENVIRONMENT_KEYS: readonly string[] = [
  'gpuMemoryBytes',
  'systemMemoryBytes',
  'contextLengthEnv',
  'cloudAuth',
] satisfies (keyof SimEnvironment)[]

/**
 * `OllamaSim.configure`: a change of environment is a restart on other hardware (every runner unloaded); a change of
 * conditions (registry, speed, disk, proxy) is not, and downloads under way see it at their next step.
 */
export function applyConfiguration(state: SimState, patch: Partial<SimEnvironment> & Partial<SimConditions>): void {
  const { registryStatus, registryLatencyMs, pullBytesPerSecond, diskFreeBytes, requiredHeaders, ...environment } =
    patch
  if (registryStatus !== undefined) state.registryStatus = registryStatus
  if (registryLatencyMs !== undefined) state.registryLatencyMs = registryLatencyMs
  if (pullBytesPerSecond !== undefined) state.pullBytesPerSecond = pullBytesPerSecond
  if (diskFreeBytes !== undefined) state.blobs.freeBytes = diskFreeBytes
  if (requiredHeaders !== undefined) state.requiredHeaders = headerMap(requiredHeaders)
  const defined = Object.entries(environment).filter(
    ([key, value]) => value !== undefined && ENVIRONMENT_KEYS.includes(key),
  )
  if (defined.length === 0) return
  Object.assign(state.env, Object.fromEntries(defined) as Partial<SimEnvironment>)
  state.scheduler.unloadAll()
}
