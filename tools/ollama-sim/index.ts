import { modelControls } from './model-controls'
import { formatExpiry } from './runners'
import { SimServer } from './server'
import { applyConfiguration, createState } from './state'
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

  return {
    url: `http://${urlHost}:${server.port}`,
    port: server.port,
    async close() {
      if (closed) return
      closed = true
      for (const download of state.downloads.values()) download.cancel()
      await server.stop()
    },
    ...modelControls(state),
    configure: (patch) => applyConfiguration(state, patch),
    partialBytes: (digest) => state.blobs.partialBytes(digest),
    hasBlob: (digest) => state.blobs.has(digest),
    diskFreeBytes: () => state.blobs.freeBytes,
    unloadAll: () => state.scheduler.unloadAll(),
    loaded: () =>
      state.scheduler.list().map((runner) => ({
        name: runner.loader,
        contextLength: runner.contextLength,
        expiresAt: formatExpiry(runner),
      })),
    requests,
    requestsTo: (path, method) =>
      requests.filter((r) => r.path === path && (method === undefined || r.method === method.toUpperCase())),
    clearRequests: () => void (requests.length = 0),
    setReply: (reply) => void (state.reply = reply),
    faults,
  }
}
