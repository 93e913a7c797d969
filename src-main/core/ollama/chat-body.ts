import type { ChatRequest } from 'ollama/browser'
import type { ConversationOptions } from '../../../src-shared/conversation-options'
import type { ChatRequestIn } from './types'

/** `options` of a chat request: only what the caller set, so a model's own parameters apply otherwise. */
function optionsOf(req: ChatRequestIn): { options?: ConversationOptions & { num_ctx?: number } } {
  const options = {
    ...req.options,
    ...(req.numCtx === undefined ? {} : { num_ctx: req.numCtx }),
    ...(req.numPredict === undefined ? {} : { num_predict: req.numPredict }),
  }
  return Object.keys(options).length === 0 ? {} : { options }
}

/**
 * The `/api/chat` body for a request, without `stream`: empty `thinking` and `images` are left out (the body stays
 * what it was before either existed), and `options` and `think` only when set, so Ollama's defaults apply otherwise.
 */
export function chatBody(req: ChatRequestIn): Omit<ChatRequest, 'stream'> {
  return {
    model: req.model,
    messages: req.messages.map((m) => ({
      role: m.role,
      content: m.content,
      ...(m.thinking ? { thinking: m.thinking } : {}),
      ...(m.images !== undefined && m.images.length > 0 ? { images: m.images } : {}),
    })),
    ...optionsOf(req),
    ...(req.think === undefined ? {} : { think: req.think }),
  }
}
