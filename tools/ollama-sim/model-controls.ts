import { blobsOf } from './blob-files'
import { acquireRunner } from './loader'
import { manifestDigest } from './manifest'
import { modelFromSpec, toRecord, weightsDigestOf } from './model-store'
import { displayName, nameKey, parseValidName } from './names'
import { deleteModel } from './state'
import type { SimState } from './state'
import type { OllamaSim } from './types'

/** The parts of `OllamaSim` that change or read the installed models, the registry and the loaded runners. */
export type ModelControls = Pick<
  OllamaSim,
  'addModel' | 'removeModel' | 'hasModel' | 'listModelNames' | 'getModel' | 'repull' | 'publish' | 'load'
>

export function modelControls(state: SimState): ModelControls {
  const find = (name: string) => {
    const parsed = parseValidName(name.trim())
    return parsed === undefined ? undefined : state.store.resolve(parsed)
  }

  return {
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
      if (opts.newWeights === true)
        model.weightsDigest = weightsDigestOf(model.name, model.family, model.sizeBytes, weights)
      state.revisions.set(key, { manifest: model.revision, weights })
      state.store.put(model)
      // As a real pull ends: blobs only the old manifest used are removed (`deleteUnusedLayers`).
      state.blobs.removeUnreferenced(blobsBefore)
      if (manifestDigest(model) === before) throw new Error('ollama-sim: re-pull did not change the digest')
    },
    publish(name, opts = {}) {
      const parsed = parseValidName(name.trim())
      const key = parsed === undefined ? '' : nameKey(parsed)
      if (!state.registry.has(key))
        throw new Error(`ollama-sim: ${JSON.stringify(name)} is not on the simulated registry`)
      const revision = state.revisions.get(key) ?? { manifest: 0, weights: 0 }
      state.revisions.set(key, {
        manifest: revision.manifest + 1,
        weights: revision.weights + (opts.newWeights === true ? 1 : 0),
      })
    },
    load(name, opts = {}) {
      const model = find(name)
      if (model === undefined) throw new Error(`ollama-sim: cannot load missing model ${JSON.stringify(name)}`)
      const options = opts.numCtx === undefined ? {} : { num_ctx: opts.numCtx }
      const result = acquireRunner(state, { model, options, keepAliveMs: opts.keepAliveMs, shift: undefined })
      if ('status' in result) throw new Error(`ollama-sim: ${result.error}`)
      if (result.runner !== undefined) state.scheduler.release(result.runner)
    },
  }
}
