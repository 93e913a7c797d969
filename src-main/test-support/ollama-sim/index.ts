import { blobsOf } from './blob-files'
import { acquireRunner } from './loader'
import { displayName, nameKey, parseValidName } from './names'
import { manifestDigest } from './manifest'
import { modelFromSpec, toRecord, weightsDigestOf } from './model-store'
import { formatExpiry } from './runners'
import { SimServer } from './server'
import { applyConfiguration, createState, deleteModel } from './state'
import type { OllamaSim, RecordedRequest, SimFaults, SimOptions } from './types'

export type {
  OllamaSim,
  RecordedRequest,
  SimArchitecture,
  SimChatRequest,
  SimCloudAuth,
  SimConditions,
  SimEnvironment,
  SimFaults,
  SimLoadedModel,
  SimMessage,
  SimModelRecord,
  SimModelSpec,
  SimOptions,
  SimRegistryStatus,
  SimReply,
} from './types'
export { CLI_DEFAULT_MODELS, DEFAULT_REGISTRY } from './catalog'

/**
 * Starts an Ollama (v0.32.x) look-alike on a real socket. It serves `/`, `/api/version`, `/api/tags`,
 * `/api/ps`, `/api/show`, `/api/create`, `/api/pull`, `/api/copy`, `/api/delete`, `/api/chat` and
 * `/api/generate` with Ollama's quirks — including what it does at the limits of the context window
 * (`prompt-plan.ts`), of memory (`loader.ts`, `memory.ts`) and of a model's capabilities, and how pulls download,
 * resume and fail (`routes/pull.ts`, `blob-download.ts`) — records every request, and can inject faults.
 */
export async function startOllamaSim(options: SimOptions = {}): Promise<OllamaSim> {
  const state = createState(options)
  const requests: RecordedRequest[] = []
  const quiet = options.quiet ?? true
  const host = options.host ?? '127.0.0.1'
  const server = new SimServer(
    state,
    {
      record: (request) => void requests.push(request),
      log: (line) => {
        if (!quiet) process.stdout.write(`[sim] ${new Date().toISOString()} | ${line}\n`)
      },
    },
    host,
  )
  await server.listen(options.port ?? 0)
  const urlHost = host.includes(':') ? `[${host}]` : host
  let closed = false

  const faults: SimFaults = {
    down: () => server.stop(),
    up: () => server.listen(server.port),
    latency: (ms) => void (state.faults.latencyMs = ms),
    failNext: (path, status, message, times) => state.faults.failNext(path, status, message, times),
    errorLineAfter: (tokens, message) => state.faults.setStreamFault({ kind: 'error-line', after: tokens, message }),
    dropStreamAfter: (tokens) => state.faults.setStreamFault({ kind: 'drop', after: tokens }),
    malformedNext: (path, body) => state.faults.malformedNext(path, body),
    stallNext: (path) => state.faults.stallNext(path),
    dropConnectionNext: (path, times) => state.faults.dropConnectionNext(path, times),
    hugeLineNext: (path, bytes = 64 * 1024 * 1024) => state.faults.hugeLineNext(path, bytes),
    reset: () => state.faults.reset(),
  }

  const find = (name: string) => {
    const parsed = parseValidName(name.trim())
    return parsed === undefined ? undefined : state.store.resolve(parsed)
  }

  return {
    url: `http://${urlHost}:${server.port}`,
    port: server.port,
    async close() {
      if (closed) return
      closed = true
      for (const download of state.downloads.values()) download.cancel()
      await server.stop()
    },
    addModel(spec, opts = {}) {
      const ageNs = BigInt(Math.round((opts.ageMs ?? 0) * 1_000_000))
      state.store.put(modelFromSpec(spec), ageNs > 0n ? state.store.stamp() - ageNs : undefined)
    },
    removeModel(name) {
      const model = find(name)
      return model !== undefined && deleteModel(state, model)
    },
    hasModel: (name) => find(name) !== undefined,
    listModelNames: () => state.store.list().map((model) => displayName(model.name)),
    getModel(name) {
      const model = find(name)
      return model === undefined ? undefined : toRecord(model)
    },
    repull(name, opts = {}) {
      const model = find(name)
      if (model === undefined) throw new Error(`ollama-sim: cannot re-pull missing model ${JSON.stringify(name)}`)
      const before = manifestDigest(model)
      const blobsBefore = blobsOf(model)
      const key = nameKey(model.name)
      const weights = (state.revisions.get(key)?.weights ?? 0) + (opts.newWeights === true ? 1 : 0)
      model.revision++
      // Only this manifest moves to the new blob: a model derived earlier holds its own copy of the old digest
      // (its manifest lists the weights layer, not the base's manifest), so it keeps the old blob and runner.
      if (opts.newWeights === true) model.weightsDigest = weightsDigestOf(model.name, model.family, model.sizeBytes, weights)
      state.revisions.set(key, { manifest: model.revision, weights })
      state.store.put(model)
      // As a real pull ends: blobs only the old manifest used are removed (`deleteUnusedLayers`).
      state.blobs.removeUnreferenced(blobsBefore)
      if (manifestDigest(model) === before) throw new Error('ollama-sim: re-pull did not change the digest')
    },
    publish(name, opts = {}) {
      const parsed = parseValidName(name.trim())
      const key = parsed === undefined ? '' : nameKey(parsed)
      if (!state.registry.has(key)) throw new Error(`ollama-sim: ${JSON.stringify(name)} is not on the simulated registry`)
      const revision = state.revisions.get(key) ?? { manifest: 0, weights: 0 }
      state.revisions.set(key, { manifest: revision.manifest + 1, weights: revision.weights + (opts.newWeights === true ? 1 : 0) })
    },
    configure: (patch) => applyConfiguration(state, patch),
    partialBytes: (digest) => state.blobs.partialBytes(digest),
    hasBlob: (digest) => state.blobs.has(digest),
    diskFreeBytes: () => state.blobs.freeBytes,
    load(name, opts = {}) {
      const model = find(name)
      if (model === undefined) throw new Error(`ollama-sim: cannot load missing model ${JSON.stringify(name)}`)
      const options = opts.numCtx === undefined ? {} : { num_ctx: opts.numCtx }
      const result = acquireRunner(state, { model, options, keepAliveMs: opts.keepAliveMs, shift: undefined })
      if ('status' in result) throw new Error(`ollama-sim: ${result.error}`)
      if (result.runner !== undefined) state.scheduler.release(result.runner)
    },
    unloadAll: () => state.scheduler.unloadAll(),
    loaded: () =>
      state.scheduler.list().map((runner) => ({ name: runner.loader, contextLength: runner.contextLength, expiresAt: formatExpiry(runner) })),
    requests,
    requestsTo: (path, method) => requests.filter((r) => r.path === path && (method === undefined || r.method === method.toUpperCase())),
    clearRequests: () => void (requests.length = 0),
    setReply: (reply) => void (state.reply = reply),
    faults,
  }
}
