import { formatBytes, formatContext } from '../../src-shared/format'
import type { MemoryEstimate, RunningMemory } from '../../src-shared/types'
import { timeAheadText } from './relative-time'

/** The share of a loaded model that runs on the CPU, in whole percent (0 when it all fits on the GPU). */
export function cpuPercent(memory: RunningMemory): number {
  if (memory.sizeBytes <= 0 || memory.vramBytes >= memory.sizeBytes) return 0
  return Math.round(((memory.sizeBytes - memory.vramBytes) / memory.sizeBytes) * 100)
}

/**
 * A loaded model's real memory: "Loaded: 5.9 GB, all on the GPU" or "Loaded: 5.9 GB — 30 % of this model runs
 * on the CPU at this context (slower)".
 */
export function runningMemoryText(memory: RunningMemory): string {
  const size = formatBytes(memory.sizeBytes)
  const onCpu = cpuPercent(memory)
  if (onCpu === 0) return `Loaded: ${size}, all on the GPU`
  return `Loaded: ${size} — ${onCpu} % of this model runs on the CPU at this context (slower)`
}

/**
 * When a loaded model leaves memory if nothing uses it (Ollama's keep-alive): "unloads in 4 min". A time already past
 * means Ollama unloads it as soon as the reply using it ends: "unloads when idle". `null` when Ollama did not say or
 * keeps it loaded for good: the two look alike, and neither is worth a word.
 */
export function unloadTimeText(unloadsAt: string | null, now: number): string | null {
  if (unloadsAt === null) return null
  const at = Date.parse(unloadsAt)
  if (Number.isNaN(at)) return null
  return at <= now ? 'unloads when idle' : `unloads ${timeAheadText(at - now)}`
}

/**
 * What a context would cost: "About 5.9 GB at 16K: 4.7 GB weights + 1.2 GB context cache", and when the GPU is
 * known to hold less, that part would run on the CPU.
 */
export function memoryEstimateText(estimate: MemoryEstimate, numCtx: number): string {
  const base =
    `About ${formatBytes(estimate.totalBytes)} at ${formatContext(numCtx)}: ` +
    `${formatBytes(estimate.weightsBytes)} weights + ${formatBytes(estimate.kvCacheBytes)} context cache`
  if (estimate.gpuBytes === null || estimate.totalBytes <= estimate.gpuBytes) return base
  const gpu = formatBytes(estimate.gpuBytes)
  return `${base}. That is more than the ${gpu} the GPU has for it, so part would run on the CPU (slower).`
}
