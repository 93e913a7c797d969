import type { AutomaticContext, RunningMemory } from '../../../src-shared/types'
import { modelKey, sameModel } from '../ollama/model-name'
import type { RunningModel } from '../ollama/types'

/** One loaded runner as far as a reply is concerned. */
export interface RunnerFacts {
  /** `/api/ps` `context_length`: the context the runner really has; `null` on Ollama before 0.10. */
  contextLength: number | null
  memory: RunningMemory
}

/** Which runner served a reply: the model sent to `/api/chat`, its base, and the `options.num_ctx` sent (if any). */
export interface ServedBy {
  servedBy: string
  baseModel: string
  requestNumCtx: number | null
}

const keyOf = (served: ServedBy) => `${modelKey(served.servedBy)}|${served.requestNumCtx ?? ''}`

/**
 * What one Ollama host has shown about contexts and memory, kept for the life of the connection:
 * - the runner each reply ran on, learnt from one `/api/ps` after the first reply on it and reused until a later
 *   listing shows that runner gone or changed (so a warm turn asks Ollama nothing extra);
 * - the context Ollama chose by itself for a model (a reply with no `num_ctx` from anyone), and from that the
 *   host's default, which Ollama applies to every model (capped at each one's trained length);
 * - the GPU memory a model that spilled to the CPU got (exactly what fitted), the largest load that fitted and the
 *   smallest that ran out of memory, so other contexts can be judged before anyone tries them.
 */
export class ContextFacts {
  /** Per served model: the runner it ran on (by `/api/ps` name) and what that runner had. */
  private readonly runners = new Map<string, { runnerKey: string; facts: RunnerFacts }>()
  private readonly automaticByModel = new Map<string, number>()
  private hostAutomatic: number | null = null
  private gpuCapacity: number | null = null
  private outOfMemoryAt: number | null = null
  private largestLoaded: number | null = null

  /** The runner that serves `served`, when `running` lists it: its own name first, else its base (GGUF shares one). */
  static findRunner(served: ServedBy, running: readonly RunningModel[]): RunningModel | undefined {
    return (
      running.find((r) => sameModel(r.name, served.servedBy)) ??
      running.find((r) => sameModel(r.name, served.baseModel))
    )
  }

  /** What a `/api/ps` read shows: memory facts, and which remembered runners are gone or changed. */
  observe(running: readonly RunningModel[]): void {
    for (const runner of running) {
      if (runner.sizeBytes > 0) this.largestLoaded = Math.max(this.largestLoaded ?? 0, runner.sizeBytes)
      if (runner.sizeVram > 0 && runner.sizeVram < runner.sizeBytes) {
        this.gpuCapacity = Math.max(this.gpuCapacity ?? 0, runner.sizeVram)
      }
    }
    for (const [key, { runnerKey, facts }] of this.runners) {
      const now = running.find((r) => modelKey(r.name) === runnerKey)
      if (now === undefined || now.contextLength !== facts.contextLength) this.runners.delete(key)
    }
  }

  /** The runner a reply ran on, if already known (no request). */
  known(served: ServedBy): RunnerFacts | undefined {
    return this.runners.get(keyOf(served))?.facts
  }

  /** Remembers the runner a reply ran on, as `/api/ps` showed it right after the reply. */
  learn(served: ServedBy, runner: RunningModel): RunnerFacts {
    const facts: RunnerFacts = {
      contextLength: runner.contextLength,
      memory: { sizeBytes: runner.sizeBytes, vramBytes: runner.sizeVram, unloadsAt: null },
    }
    this.runners.set(keyOf(served), { runnerKey: modelKey(runner.name), facts })
    return facts
  }

  /** Ollama chose `tokens` for `model` on its own; `trained` is the model's trained length, when known. */
  noteAutomatic(model: string, tokens: number, trained: number | null): void {
    this.automaticByModel.set(modelKey(model), tokens)
    // Below the trained length the choice was not clamped: it is the host's default (a tier or OLLAMA_CONTEXT_LENGTH),
    // unless an out-of-memory load stepped it down, which only ever lowers it: the largest such choice is the best bet.
    if (trained !== null && tokens < trained) this.hostAutomatic = Math.max(this.hostAutomatic ?? 0, tokens)
  }

  /** What Ollama runs `model` with when nobody sets `num_ctx`: seen for this model, or the host default capped. */
  automaticContextFor(model: string, trained: number | null): AutomaticContext | null {
    const seen = this.automaticByModel.get(modelKey(model))
    if (seen !== undefined) return { tokens: seen, basis: 'seen' }
    if (this.hostAutomatic === null) return null
    return { tokens: trained === null ? this.hostAutomatic : Math.min(this.hostAutomatic, trained), basis: 'inferred' }
  }

  /** GPU memory a model is known to get (from one that spilled); `null` while nothing has spilled. */
  gpuBytes(): number | null {
    return this.gpuCapacity
  }

  /** A load needing about `totalBytes` ran out of memory. */
  noteOutOfMemory(totalBytes: number): void {
    this.outOfMemoryAt = Math.min(this.outOfMemoryAt ?? Number.POSITIVE_INFINITY, totalBytes)
  }

  /** The largest footprint seen loaded on this host (it fitted), or `null`. */
  largestLoadedBytes(): number | null {
    return this.largestLoaded
  }

  /** The smallest footprint known not to load, or `null`. */
  outOfMemoryFloor(): number | null {
    return this.outOfMemoryAt
  }
}
