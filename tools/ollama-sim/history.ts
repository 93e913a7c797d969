import type { StoredModel } from './manifest'
import { messageTokens } from './tokens'
import type { SimMessage } from './types'

/**
 * `server/routes.go` `ChatHandler`: the model's own system prompt goes first unless the request already starts
 * with a system message. (Baked-in `MESSAGE`s of a Modelfile are not modelled.)
 */
export function withModelSystem(model: StoredModel, messages: readonly SimMessage[]): SimMessage[] {
  if (model.system === '' || messages.length === 0 || messages[0]?.role === 'system') return [...messages]
  return [{ role: 'system', content: model.system }, ...messages]
}

/**
 * History truncation (`truncate`, default true), as `server/routes.go` `truncateNativeChatMessages` (native path)
 * and `server/prompt.go` `chatPrompt` (rendered path) both do it: drop messages from the front, one at a time,
 * keeping every system message among the dropped ones and always the last message, until the rendered prompt's
 * token count (`tokens.ts`, the simulator's one tokenizer) is ≤ `numCtx`. Nothing is reserved for the reply. Images
 * add 768 tokens each for models with a projector (`images.ts`; `messageTokens` counts them).
 *
 * One difference between the two: the native path does not truncate at all when `numCtx` ≤ 0 (a request
 * `num_ctx` of 0, raised to 4 only for the runner), while `chatPrompt` then keeps just the last message and the
 * system messages before it.
 */
export function truncateHistory(
  messages: readonly SimMessage[],
  numCtx: number,
  path: 'native' | 'rendered',
): SimMessage[] {
  if (path === 'native' && (numCtx <= 0 || messages.length <= 1)) return [...messages]
  const last = messages.length - 1
  // Each message is tokenized once: the kept system messages before `start`, plus everything from `start` on.
  const counts = messages.map(messageTokens)
  let keptSystem = 0
  let rest = counts.reduce((sum, count) => sum + count, 0)
  for (let start = 0; start <= last; start++) {
    if (keptSystem + rest <= numCtx || start === last) {
      return [...messages.slice(0, start).filter((m) => m.role === 'system'), ...messages.slice(start)]
    }
    const count = counts[start] ?? 0
    rest -= count
    if (messages[start]?.role === 'system') keptSystem += count
  }
  return []
}
