import { z } from 'zod'
import type { ReplyStats } from '../../../src-shared/types'
import { MalformedResponseError } from './errors'
import { readKvShape, readWeightsBlob } from './show-model-info'
import { numCtxOf, parseShowParameters } from './show-parameters'
import type { ChatChunk, PullLine, RunningModel, ShownModel } from './types'

/**
 * The shapes the app relies on in Ollama's answers, checked with zod so a wrong answer becomes
 * `MalformedResponseError` instead of `undefined` deep inside the app. Optional fields are the ones Ollama omits
 * (`omitempty`) or that older servers lack; Go nil slices arrive as `null`.
 */

export const text = z.string().nullish()
const count = z.number().nullish()

export const detailsSchema = z
  .object({
    parent_model: text,
    format: text,
    family: text,
    families: z.array(z.string()).nullish(),
    parameter_size: text,
    quantization_level: text,
    context_length: count,
  })
  .nullish()

/** A listing entry's name: `name`, or `model` on servers that send only that. */
export const nameOf = (m: { name?: string | undefined; model?: string | undefined }) => m.name || m.model || ''

/**
 * The name fields of a listing entry (`/api/tags`, `/api/ps`), spread into one flat object with the other fields
 * and checked with `.refine(hasName, nameRequired)`. Not a zod intersection of the two parts: that parses every
 * entry twice and merges the results, several times slower (checking a 5,000-model listing took 25–110 ms, flat
 * 2–45 ms, measured alone on the 2-core build machine).
 */
export const nameFields = { name: z.string().optional(), model: z.string().optional() }
export const hasName = (m: { name?: string | undefined; model?: string | undefined }) => nameOf(m) !== ''
export const nameRequired = { message: 'model entry without a name' }

const runningSchema = z
  .object({ ...nameFields, digest: z.string(), size: count, size_vram: count, expires_at: text, context_length: count })
  .refine(hasName, nameRequired)

const psSchema = z.object({ models: z.array(runningSchema).nullable() })

const showSchema = z.object({
  license: text,
  modelfile: text,
  parameters: text,
  template: text,
  system: text,
  modified_at: text,
  model_info: z.record(z.string(), z.unknown()).nullish(),
  capabilities: z.array(z.string()).nullish(),
  details: detailsSchema,
})

const versionSchema = z.object({ version: z.string() })

const pullLineSchema = z.object({
  status: z.string(),
  digest: text,
  total: count,
  completed: count,
})

const chatLineSchema = z.object({
  message: z.object({ content: text, thinking: text }).nullish(),
  done: z.boolean().nullish(),
  done_reason: text,
  total_duration: count,
  prompt_eval_count: count,
  eval_count: count,
  eval_duration: count,
})

/**
 * `value` checked against `schema`, or `MalformedResponseError` naming the first wrong field; `at` is where `value`
 * sits in the answer, when it is one part of it (`['models', 3]`).
 */
export function parse<T>(schema: z.ZodType<T>, value: unknown, what: string, at: readonly (string | number)[] = []): T {
  const result = schema.safeParse(value)
  if (!result.success) {
    const issue = result.error.issues[0]
    const where =
      issue === undefined ? '' : `${[...at, ...issue.path.map(String)].join('.') || '(root)'}: ${issue.message}`
    throw new MalformedResponseError(`unexpected ${what}`, where)
  }
  return result.data
}

/** `/api/ps` → `RunningModel[]`. */
export function readPs(body: unknown): RunningModel[] {
  const ps = parse(psSchema, body, '/api/ps answer')
  return (ps.models ?? []).map((m) => ({
    name: nameOf(m),
    digest: m.digest,
    contextLength: m.context_length ?? null,
    expiresAt: m.expires_at ?? '',
    sizeBytes: m.size ?? 0,
    sizeVram: m.size_vram ?? 0,
  }))
}

/** `/api/show` → `ShownModel`, with the trained context read from `model_info`. */
export function readShow(body: unknown): ShownModel {
  const show = parse(showSchema, body, '/api/show answer')
  const info = show.model_info ?? {}
  const arch = info['general.architecture']
  const architecture = typeof arch === 'string' && arch !== '' ? arch : null
  const trained = architecture === null ? undefined : info[`${architecture}.context_length`]
  const parameters = parseShowParameters(show.parameters)
  return {
    parameters,
    numCtx: numCtxOf(parameters),
    trainedContext: typeof trained === 'number' && trained > 0 ? trained : null,
    architecture,
    kvShape: readKvShape(info, architecture),
    weightsBlob: readWeightsBlob(show.modelfile),
    capabilities: show.capabilities ?? [],
    family: show.details?.family || null,
    parameterSize: show.details?.parameter_size || null,
    quantization: show.details?.quantization_level || null,
    text: {
      template: show.template ?? '',
      parameters: show.parameters ?? '',
      system: show.system ?? '',
      license: show.license ?? '',
      format: show.details?.format || null,
      parentModel: show.details?.parent_model || null,
      modifiedAt: show.modified_at || null,
    },
  }
}

/** `/api/version` → the version string. */
export function readVersion(body: unknown): string {
  return parse(versionSchema, body, '/api/version answer').version
}

/** Ollama omits zero metrics, so each number is set only when Ollama reported it. */
function statsOf(line: z.infer<typeof chatLineSchema>): ReplyStats {
  const stats: ReplyStats = {}
  if (typeof line.prompt_eval_count === 'number') stats.promptTokens = line.prompt_eval_count
  if (typeof line.eval_count === 'number') stats.replyTokens = line.eval_count
  if (typeof line.total_duration === 'number') stats.totalMs = Math.round(line.total_duration / 1e6)
  if (typeof line.eval_count === 'number' && typeof line.eval_duration === 'number' && line.eval_duration > 0) {
    stats.tokensPerSecond = line.eval_count / (line.eval_duration / 1e9)
  }
  return stats
}

/** One streamed `/api/chat` line → `ChatChunk`. */
export function readChatLine(body: unknown): ChatChunk {
  const line = parse(chatLineSchema, body, '/api/chat line')
  const content = line.message?.content ?? ''
  const thinking = line.message?.thinking ?? ''
  if (line.done !== true) return { done: false, content, thinking }
  return { done: true, content, thinking, doneReason: line.done_reason || null, stats: statsOf(line) }
}

/** One line of a streamed `/api/pull`: Ollama's status text and, for a layer, its digest and byte counts. */
export function readPullLine(body: unknown): PullLine {
  const line = parse(pullLineSchema, body, '/api/pull line')
  return {
    status: line.status,
    digest: line.digest || null,
    total: typeof line.total === 'number' ? line.total : null,
    completed: typeof line.completed === 'number' ? line.completed : null,
  }
}
