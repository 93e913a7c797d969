import type { StoredModel } from './manifest'
import type { SimArchitecture, SimEnvironment } from './types'

const MiB = 1024 ** 2

/** Llama 3 8B: what `/api/show` reported for every model before architectures were modelled. */
export const DEFAULT_ARCHITECTURE: SimArchitecture = {
  blockCount: 32,
  headCount: 32,
  headCountKv: 8,
  embeddingLength: 4096,
}

/** Per-head key and value sizes: `key_length`/`value_length` when the GGUF has them, else embedding / heads. */
export function headDims(arch: SimArchitecture): { key: number; value: number } {
  const key = arch.keyLength ?? Math.trunc(arch.embeddingLength / arch.headCount)
  return { key, value: arch.valueLength ?? key }
}

/**
 * KV heads summed over the layers: block_count × head_count_kv, or the sum of a per-layer `head_count_kv` (layers
 * with 0 heads hold no K/V — `fs/ggml/ggml.go` `GraphSize` sizes each layer by its own `headsKVArr[i]` the same way
 * and treats a layer without KV heads as recurrent).
 */
export function kvHeadsTotal(arch: SimArchitecture): number {
  if (arch.headCountKvPerLayer === undefined) return arch.blockCount * arch.headCountKv
  return arch.headCountKvPerLayer.reduce((sum, heads) => sum + heads, 0)
}

/**
 * f16 KV cache (the default OLLAMA_KV_CACHE_TYPE) for one sequence: K and V for every layer and KV head, 2 bytes
 * per element — 2 × block_count × head_count_kv × head_dim × num_ctx × 2 when keys and values have the same size
 * (`llm/llama_server.go` `PredictServerVRAM`; llama.cpp sizes K by `key_length` and V by `value_length`, which the
 * sum below does), with a per-layer `head_count_kv` summed over the layers ({@link kvHeadsTotal}). Not modelled: the
 * smaller cache of sliding-window layers — a model's `slidingWindow` (Gemma 3, gpt-oss) is reported by `/api/show`
 * but ignored here, every layer is sized for the whole context — the small fixed state of recurrent/convolution
 * layers, and OLLAMA_NUM_PARALLEL > 1.
 */
export function kvCacheBytes(arch: SimArchitecture, numCtx: number): number {
  const { key, value } = headDims(arch)
  return kvHeadsTotal(arch) * (key + value) * numCtx * 2
}

/**
 * The compute-graph buffers llama-server allocates besides weights and KV cache (its "compute buffer size" log
 * lines, which `memoryParsingWriter` adds into the runner's size). The real size depends on batch, vocabulary and
 * flash attention; the simulator allows a quarter of the weights, at most 512 MiB — an allowance, not a formula.
 */
export function computeGraphBytes(model: StoredModel): number {
  return Math.min(512 * MiB, Math.floor(model.sizeBytes / 4))
}

/** A runner's memory as `/api/ps` reports it (`llm/llama_server.go` `MemorySize`). */
export interface Footprint {
  /** `size`: weights + KV cache + compute graph. */
  total: number
  /** `size_vram`: the part on the GPU; equal to `total` when everything fits. */
  vram: number
}

/**
 * What a runner of `model` with `numCtx` occupies. When it does not fit in VRAM, llama-server's `--fit` keeps the
 * compute graph and as many whole layers (weights + their KV cache, taken as equal: with a per-layer
 * `head_count_kv` the cache is spread evenly too) as fit on the GPU and spills the rest to the CPU. Each runner is
 * sized alone: the simulator does not make runners compete for VRAM (real Ollama would evict idle runners before a
 * load that does not fit, `server/sched.go` `processPending`).
 */
export function footprint(model: StoredModel, numCtx: number, gpuMemoryBytes: number): Footprint {
  const layered = model.sizeBytes + kvCacheBytes(model.architecture, numCtx)
  const graph = computeGraphBytes(model)
  const total = layered + graph
  if (total <= gpuMemoryBytes) return { total, vram: total }
  if (gpuMemoryBytes < graph) return { total, vram: 0 }
  const perLayer = layered / model.architecture.blockCount
  const layersOnGpu = Math.floor((gpuMemoryBytes - graph) / perLayer)
  return { total, vram: graph + Math.floor(layersOnGpu * perLayer) }
}

/** A load fails when what spills from the GPU does not fit in system memory either. */
export function fitsInMemory(fp: Footprint, env: SimEnvironment): boolean {
  return fp.total <= env.gpuMemoryBytes + env.systemMemoryBytes
}

/**
 * The error of a load that ran out of memory: `llm/llama_server.go` `WaitUntilRunning` wraps the runner's last
 * error as "llama-server reported out-of-memory during startup: …" and `server/routes.go` `handleScheduleError`
 * answers it with 500. The captured line is ggml's host-buffer allocation failure (llama.cpp
 * `ggml_backend_cpu_buffer_type_alloc_buffer`, as public copies print it); `llm/status.go` `StatusWriter` keeps it
 * whole because it contains "failed to allocate", one of `outOfMemorySubstrings`.
 */
export function loadOomError(fp: Footprint): string {
  const hostBytes = fp.total - fp.vram
  return `llama-server reported out-of-memory during startup: ggml_backend_cpu_buffer_type_alloc_buffer: failed to allocate buffer of size ${hostBytes}`
}
