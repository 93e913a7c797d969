import { cloudRefusal, isCloudRef } from '../cloud'
import { decodeKeepAlive } from '../go-duration'
import { goQuote } from '../go-format'
import { decodeBody } from '../go-json'
import { withModelSystem } from '../history'
import { toSimMessage } from '../images'
import { sendError, sendJson } from '../http'
import type { Exchange } from '../http'
import { scheduleRunner } from '../loader'
import type { StoredModel } from '../manifest'
import { HARMONY_FAMILIES } from '../model-store'
import { checkOptions, numKeepOption } from '../options'
import { planPrompt } from '../prompt-plan'
import { chatRequest, generateRequest } from '../schemas'
import type { ChatBody, GenerateBody } from '../schemas'
import type { SimState } from '../state'
import type { SimMessage } from '../types'
import { loadReply, runGeneration } from './generation'
import { findModel, parseOrReject } from './lookup'
import type { Handler } from './types'

/** The fields chat and generate share (Ollama's two request structs), plus which one this is. */
type Common = Omit<ChatBody, 'messages'> & { kind: 'chat' | 'generate' }

function keepAliveOf(body: Common): number | undefined {
  if (body.keep_alive === undefined) return undefined
  const decoded = decodeKeepAlive(body.keep_alive)
  return 'ms' in decoded ? decoded.ms : undefined
}

/** The checks chat and generate share, in Ollama's order; answers and returns undefined on failure. */
function admit(state: SimState, ex: Exchange, body: Common): StoredModel | undefined {
  if (body.top_logprobs !== undefined && (body.top_logprobs < 0 || body.top_logprobs > 20)) {
    sendError(ex.res, 400, 'top_logprobs must be between 0 and 20')
    return undefined
  }
  const sent = body.model ?? ''
  if (sent === '') {
    if (body.kind === 'chat') sendError(ex.res, 400, 'model is required')
    else sendError(ex.res, 404, "model '' not found")
    return undefined
  }
  const name = parseOrReject(ex, sent)
  if (name === undefined) return undefined
  // `ChatHandler`/`GenerateHandler`: a `:cloud`/`-cloud` model goes to the cloud proxy before any lookup.
  const refusal = isCloudRef(sent) ? cloudRefusal(state.env.cloudAuth) : undefined
  if (refusal !== undefined) {
    sendJson(ex.res, refusal.status, refusal.body)
    return undefined
  }
  const model = findModel(state, name)
  // `ChatHandler`/`GenerateHandler`: a cloud model addressed with `:local` is not found either.
  if (model === undefined || (model.remote && /:local$/i.test(sent.trim()))) {
    sendError(ex.res, 404, `model '${sent}' not found`)
    return undefined
  }
  return model
}

/**
 * What `scheduleRunner` (`server/routes.go`) checks before any load: the capability first (a model without
 * `completion` — an embedding model — "does not support chat"/"generate", `%q` of the name as sent), then the
 * option types (500). Cloud models skip both (their options go to the cloud). Answers and returns false on failure.
 */
function checkRunnable(ex: Exchange, body: Common, model: StoredModel, options: Record<string, unknown>): boolean {
  if (model.remote) return true
  if (!model.capabilities.includes('completion')) {
    sendError(
      ex.res,
      400,
      `${goQuote(body.model ?? '')} does not support ${body.kind === 'chat' ? 'chat' : 'generate'}`,
    )
    return false
  }
  const optionError = checkOptions(model.parameters, options)
  if (optionError !== undefined) sendError(ex.res, 500, optionError)
  return optionError === undefined
}

async function proceed(
  state: SimState,
  ex: Exchange,
  body: Common,
  model: StoredModel,
  messages: SimMessage[],
  empty: boolean,
): Promise<void> {
  const started = process.hrtime.bigint()
  const job = { kind: body.kind, modelSent: body.model ?? '' }
  const keepAliveMs = keepAliveOf(body)
  // `ChatHandler`/`GenerateHandler`: no messages (no prompt) and `keep_alive: 0` expire the runner (`expireRunner`).
  if (empty && keepAliveMs === 0) {
    state.scheduler.expire(model)
    return sendJson(ex.res, 200, loadReply(state, job, 'unload'))
  }
  const thinkRequested = body.think !== undefined && body.think !== false
  const canThink = model.capabilities.includes('thinking')
  if (thinkRequested && !canThink) return sendError(ex.res, 400, `${goQuote(job.modelSent)} does not support thinking`)
  const options = body.options ?? {}
  if (!checkRunnable(ex, body, model, options)) return
  const scheduled = await scheduleRunner(state, { model, options, keepAliveMs, shift: body.shift })
  if ('status' in scheduled) return sendError(ex.res, scheduled.status, scheduled.error)
  const { runner } = scheduled
  try {
    if (empty) return sendJson(ex.res, 200, loadReply(state, job, 'load'))
    const loadNs = runner === undefined ? 0 : Number(process.hrtime.bigint() - started)
    const plan = planPrompt({
      kind: body.kind,
      model,
      messages,
      truncate: body.truncate !== false,
      runner,
      requestedNumCtx: scheduled.numCtx.requested,
      numKeep: numKeepOption(model, options),
    })
    if ('error' in plan) return sendError(ex.res, plan.status, plan.error)
    const request = {
      model: job.modelSent,
      messages: plan.seen,
      ...(body.options === undefined ? {} : { options: body.options }),
    }
    await runGeneration(state, ex, {
      ...job,
      model,
      request,
      options,
      stream: body.stream !== false,
      // A local harmony model (gpt-oss) reasons whatever `think` says: `HarmonyMessageHandler.Init`
      // (`harmony/harmonyparser.go`) ignores the think value and the analysis channel still comes back as thinking
      // (ollama/ollama#11751). Cloud models are proxied before that code runs.
      thinking: canThink && (body.think !== false || (!model.remote && HARMONY_FAMILIES.includes(model.family))),
      format: body.format,
      runner,
      promptTokens: plan.promptTokens,
      started,
      loadNs,
    })
  } finally {
    if (runner !== undefined) state.scheduler.release(runner)
  }
}

/** `POST /api/chat`. */
export const chatHandler: Handler = async (state, ex) => {
  const decoded = decodeBody<ChatBody>(chatRequest, ex.bodyText)
  if ('error' in decoded) return sendError(ex.res, 400, decoded.error)
  const body: Common = { ...decoded.value, kind: 'chat' }
  const model = admit(state, ex, body)
  if (model === undefined) return
  const sent = (decoded.value.messages ?? []).map((m) => toSimMessage(model, m))
  await proceed(state, ex, body, model, withModelSystem(model, sent), sent.length === 0)
}

/** `POST /api/generate`: the prompt as a user message after the request's (else the model's) system prompt. */
export const generateHandler: Handler = async (state, ex) => {
  const decoded = decodeBody<GenerateBody>(generateRequest, ex.bodyText)
  if ('error' in decoded) return sendError(ex.res, 400, decoded.error)
  const body: Common = { ...decoded.value, kind: 'generate' }
  const model = admit(state, ex, body)
  if (model === undefined) return
  const prompt = decoded.value.prompt ?? ''
  const system = decoded.value.system || model.system
  const messages = [...(system ? [{ role: 'system', content: system }] : []), { role: 'user', content: prompt }]
  await proceed(state, ex, body, model, messages, prompt === '')
}
