import { decodeKeepAlive } from '../go-duration'
import { goQuote } from '../go-format'
import { decodeBody } from '../go-json'
import { sendError, sendJson } from '../http'
import type { Exchange } from '../http'
import type { StoredModel } from '../manifest'
import { checkOptions } from '../options'
import { chatRequest, generateRequest } from '../schemas'
import type { ChatBody, GenerateBody } from '../schemas'
import type { SimState } from '../state'
import type { SimChatRequest } from '../types'
import { loadReply, runGeneration, schedule } from './generation'
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
  const model = findModel(state, name)
  if (model === undefined) sendError(ex.res, 404, `model '${sent}' not found`)
  return model
}

async function proceed(state: SimState, ex: Exchange, body: Common, model: StoredModel, request: SimChatRequest, empty: boolean): Promise<void> {
  const job = { kind: body.kind, modelSent: body.model ?? '' }
  const keepAliveMs = keepAliveOf(body)
  if (empty && keepAliveMs === 0) {
    state.scheduler.unloadFor(model)
    return sendJson(ex.res, 200, loadReply(state, job, 'unload'))
  }
  const thinkRequested = body.think !== undefined && body.think !== false
  const canThink = model.capabilities.includes('thinking')
  if (thinkRequested && !canThink) return sendError(ex.res, 400, `${goQuote(job.modelSent)} does not support thinking`)
  const options = body.options ?? {}
  if (!model.remote) {
    const optionError = checkOptions(model.parameters, options)
    if (optionError !== undefined) return sendError(ex.res, 500, optionError)
  }
  if (empty) {
    const runner = await schedule(state, { model, options, keepAliveMs })
    if (runner !== undefined) state.scheduler.release(runner)
    return sendJson(ex.res, 200, loadReply(state, job, 'load'))
  }
  await runGeneration(state, ex, {
    ...job,
    model,
    request,
    options,
    stream: body.stream !== false,
    thinking: canThink && body.think !== false,
    format: body.format,
    keepAliveMs,
  })
}

/** `POST /api/chat`. */
export const chatHandler: Handler = async (state, ex) => {
  const decoded = decodeBody<ChatBody>(chatRequest, ex.bodyText)
  if ('error' in decoded) return sendError(ex.res, 400, decoded.error)
  const body: Common = { ...decoded.value, kind: 'chat' }
  const model = admit(state, ex, body)
  if (model === undefined) return
  const messages = (decoded.value.messages ?? []).map((m) => ({ role: (m.role ?? '').toLowerCase(), content: m.content ?? '' }))
  const request: SimChatRequest = { model: body.model ?? '', messages }
  if (body.options !== undefined) request.options = body.options
  await proceed(state, ex, body, model, request, messages.length === 0)
}

/** `POST /api/generate`. */
export const generateHandler: Handler = async (state, ex) => {
  const decoded = decodeBody<GenerateBody>(generateRequest, ex.bodyText)
  if ('error' in decoded) return sendError(ex.res, 400, decoded.error)
  const body: Common = { ...decoded.value, kind: 'generate' }
  const model = admit(state, ex, body)
  if (model === undefined) return
  const prompt = decoded.value.prompt ?? ''
  const messages = [
    ...(decoded.value.system ? [{ role: 'system', content: decoded.value.system }] : []),
    { role: 'user', content: prompt },
  ]
  const request: SimChatRequest = { model: body.model ?? '', messages }
  if (body.options !== undefined) request.options = body.options
  await proceed(state, ex, body, model, request, prompt === '')
}
