import type { StoredModel } from './manifest'

/**
 * The stop sequences a generation runs with: the request's `stop` replaces the model's (`api.Options.FromMap` sets
 * the whole slice: request options are applied over the model's parameters, `server/routes.go`
 * `modelOptionsWithEmbeddingBatchDefault`). Call `checkOptions` first.
 */
export function stopSequences(model: StoredModel, requestOptions: Record<string, unknown>): string[] {
  const chosen = requestOptions['stop'] ?? model.parameters['stop']
  if (typeof chosen === 'string') return [chosen]
  return Array.isArray(chosen) ? chosen.filter((item): item is string => typeof item === 'string' && item !== '') : []
}

/**
 * The reply cut where a stop sequence first appears, the sequence itself left out, as llama-server does with the
 * `stop` Ollama passes it (`llm/llama_server.go` builds the body with `"stop": req.Options.Stop`); the reply then
 * ends with `done_reason` "stop". `null` when no sequence occurs.
 */
export function cutAtStop(text: string, stops: readonly string[]): string | null {
  let cut = -1
  for (const stop of stops) {
    const at = text.indexOf(stop)
    if (at >= 0 && (cut < 0 || at < cut)) cut = at
  }
  return cut < 0 ? null : text.slice(0, cut)
}
