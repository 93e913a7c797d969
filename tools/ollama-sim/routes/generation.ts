import { boundedNumPredict } from '../context-window'
import { goUtcTime } from '../go-format'
import { delay, NdjsonStream, sendError, sendJson } from '../http'
import type { Exchange } from '../http'
import type { StoredModel } from '../manifest'
import { numPredictOption } from '../options'
import { defaultReply, defaultThinking } from '../replies'
import type { Runner } from '../runners'
import type { SimState } from '../state'
import { cutAtStop, stopSequences } from '../stop-sequences'
import { tokenPieces } from '../tokens'
import type { SimChatRequest } from '../types'

/** One chat or generate request, admitted, scheduled and with its prompt decided, ready to stream. */
export interface GenerationJob {
  kind: 'chat' | 'generate'
  /** The `model` string exactly as sent (echoed in every line). */
  modelSent: string
  model: StoredModel
  /** What the model saw (after the system prompt was added and history truncated or cut). */
  request: SimChatRequest
  options: Record<string, unknown>
  stream: boolean
  thinking: boolean
  format: unknown
  /** Undefined for cloud models. */
  runner: Runner | undefined
  /** `prompt_eval_count`: tokens of the prompt the model saw. */
  promptTokens: number
  /** `process.hrtime.bigint()` when the request arrived, and the time its (re)load took. */
  started: bigint
  loadNs: number
}

interface Token {
  text: string
  thinking: boolean
}

const elapsedNs = (since: bigint) => Number(process.hrtime.bigint() - since)

function stamp(state: SimState): string {
  const ns = state.nowNs()
  return goUtcTime(Number(ns / 1_000_000n), Number(ns % 1_000_000n))
}

function replyText(state: SimState, job: GenerationJob): string {
  if (job.format !== undefined && job.format !== '') {
    return JSON.stringify({ answer: defaultReply(job.request).split('\n')[0] ?? '' })
  }
  const reply = state.reply ?? defaultReply
  return typeof reply === 'string' ? reply : reply(job.request)
}

/**
 * How many tokens the runner may generate. `num_predict` (request > model > -1), bounded to 10 × num_ctx when
 * open-ended (`llm/llama_server.go` `boundedNumPredict`). A runner launched without context shift
 * (`appendContextShiftArgs` leaves out `--context-shift`) also stops when prompt plus reply fill its context —
 * llama-server's own limit (as public copies of llama.cpp show it), reported like the others as finish_reason
 * "length". Cloud models: only `num_predict`.
 */
function generationBudget(job: GenerationJob): number {
  const numPredict = numPredictOption(job.model, job.options)
  const { runner } = job
  if (runner === undefined) return numPredict < 0 ? Number.POSITIVE_INFINITY : numPredict
  const budget = boundedNumPredict(numPredict, runner.contextLength)
  if (job.model.format !== 'gguf' || runner.contextShift) return budget
  return Math.min(budget, Math.max(0, runner.contextLength - 1 - job.promptTokens))
}

/**
 * The reply as tokens — the tokenizer's pieces (`tokens.ts`), one streamed chunk each, as llama-server streams one
 * chunk per generated token — cut at the budget; so `eval_count` counts the reply as it will count inside a later
 * prompt. `done_reason` is "length" when the budget cut it and "stop" otherwise (`llm/llama_server.go` `Chat`:
 * finish_reason "length" → `DoneReasonLength`; `Completion`: stop_type "limit").
 */
function tokensFor(state: SimState, job: GenerationJob): { tokens: Token[]; truncated: boolean } {
  const thinking = job.thinking
    ? tokenPieces(defaultThinking(job.request)).map((text) => ({ text, thinking: true }))
    : []
  const text = replyText(state, job)
  const content = tokenPieces(cutAtStop(text, stopSequences(job.model, job.options)) ?? text).map((text) => ({
    text,
    thinking: false,
  }))
  const all = [...thinking, ...content]
  const budget = generationBudget(job)
  return all.length > budget ? { tokens: all.slice(0, budget), truncated: true } : { tokens: all, truncated: false }
}

function chunk(job: GenerationJob, createdAt: string, content: string, thinking: string): Record<string, unknown> {
  if (job.kind === 'chat') {
    const message: Record<string, unknown> = { role: 'assistant', content }
    if (thinking !== '') message.thinking = thinking
    return { model: job.modelSent, created_at: createdAt, message }
  }
  const line: Record<string, unknown> = { model: job.modelSent, created_at: createdAt, response: content }
  if (thinking !== '') line.thinking = thinking
  return line
}

function withMetrics(line: Record<string, unknown>, metrics: Record<string, number>): Record<string, unknown> {
  for (const [key, value] of Object.entries(metrics)) if (value > 0) line[key] = value
  return line
}

/**
 * Streams (or, with `stream:false`, collects) the reply token by token, honouring the token delay, a pending
 * stream fault and client aborts (generation stops). The caller releases the runner.
 */
export async function runGeneration(state: SimState, ex: Exchange, job: GenerationJob): Promise<void> {
  if (ex.aborted()) return
  const { tokens, truncated } = tokensFor(state, job)
  const fault = state.faults.takeStreamFault()
  const out = new NdjsonStream(ex.res)
  const promptCount = job.promptTokens
  // Prefill is not simulated; report a plausible 10k tokens/s.
  const promptNs = promptCount * 100_000
  const evalStart = process.hrtime.bigint()
  let content = ''
  let thinking = ''
  for (let i = 0; i <= tokens.length; i++) {
    if (fault !== undefined && i === Math.min(fault.after, tokens.length)) {
      if (fault.kind === 'drop') ex.res.destroy()
      else if (job.stream) {
        out.write({ error: fault.message })
        out.end()
      } else sendError(ex.res, 500, fault.message)
      return
    }
    const token = tokens[i]
    if (token === undefined) break
    if (token.thinking) thinking += token.text
    else content += token.text
    if (job.stream)
      out.write({
        ...chunk(job, stamp(state), token.thinking ? '' : token.text, token.thinking ? token.text : ''),
        done: false,
      })
    await delay(state.tokenDelayMs)
    if (ex.aborted()) return
  }
  const evalNs = elapsedNs(evalStart)
  const final = withMetrics(
    {
      ...chunk(job, stamp(state), job.stream ? '' : content, job.stream ? '' : thinking),
      done: true,
      done_reason: truncated ? 'length' : 'stop',
      ...(job.kind === 'generate'
        ? { context: Array.from({ length: promptCount + tokens.length }, (_, i) => (i * 7919) % 128000) }
        : {}),
    },
    {
      total_duration: elapsedNs(job.started),
      load_duration: job.loadNs,
      prompt_eval_count: promptCount,
      prompt_eval_duration: promptNs,
      eval_count: tokens.length,
      eval_duration: evalNs,
    },
  )
  if (job.stream) {
    out.write(final)
    out.end()
  } else sendJson(ex.res, 200, final)
}

/** The single object answered to a load (`done_reason:"load"`) or unload request. */
export function loadReply(
  state: SimState,
  job: Pick<GenerationJob, 'kind' | 'modelSent'>,
  reason: 'load' | 'unload',
): Record<string, unknown> {
  const base = job.kind === 'chat' ? { message: { role: 'assistant', content: '' } } : { response: '' }
  return { model: job.modelSent, created_at: stamp(state), ...base, done: true, done_reason: reason }
}
