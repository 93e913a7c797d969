import type { GoType } from './go-json'
import type { StoredModel } from './manifest'
import type { SimMessage } from './types'

/**
 * Images on chat messages, as Ollama takes them.
 *
 * - Decoding: `api.Message.Images` is `[]ImageData` (`api/types.go`), `ImageData` a `[]byte`, so `encoding/json`
 *   reads each as standard base64 (padded) and fails with `base64.CorruptInputError`: `illegal base64 data at
 *   input byte N`.
 * - Counting: `server/prompt.go` `chatPrompt` and `server/routes.go` `truncateNativeChatMessages` count 768 tokens
 *   per image, only for a model with a projector (`m.ProjectorPaths != nil`: the `vision` capability). The simulator
 *   uses that same number in `prompt_eval_count` (the real one is the projector's own, 256–1000+ by model).
 * - A model without vision: `ChatHandler` asks the scheduler only for `completion` (plus `tools`/`thinking`), never
 *   `vision`, so Ollama does not refuse; the images go on to llama-server, which has no projector to read them
 *   (its own answer was not read). The simulator answers as if they were not there: counted nowhere, unseen.
 */
export const TOKENS_PER_IMAGE = 768

const BASE64_CHAR = /[A-Za-z0-9+/]/

/** Where Go's `base64.StdEncoding` stops on `text`, or undefined when it decodes (`\r` and `\n` are skipped). */
export function corruptBase64Offset(text: string): number | undefined {
  let length = 0
  let padding = 0
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? ''
    if (char === '\r' || char === '\n') continue
    if (char === '=') {
      padding++
      length++
      continue
    }
    if (padding > 0 || !BASE64_CHAR.test(char)) return i
    length++
  }
  if (padding > 2 || length % 4 !== 0) return length - (length % 4 === 0 ? 4 : length % 4)
  return undefined
}

/** `[]api.ImageData` in a message, with Go's errors. */
export const goImages: GoType = {
  kind: 'custom',
  check(value) {
    if (!Array.isArray(value))
      return `json: cannot unmarshal ${typeof value === 'string' ? 'string' : 'object'} into Go struct field Message.messages.images of type []api.ImageData`
    for (const item of value) {
      if (item === null) continue
      if (typeof item !== 'string')
        return `json: cannot unmarshal ${typeof item === 'number' ? 'number' : 'object'} into Go struct field Message.messages.images of type api.ImageData`
      const offset = corruptBase64Offset(item)
      if (offset !== undefined) return `illegal base64 data at input byte ${offset}`
    }
    return undefined
  },
}

/** A sent message as the model gets it: its images only when the model has a projector to read them. */
export function toSimMessage(
  model: StoredModel,
  message: { role?: string; content?: string; images?: (string | null)[] },
): SimMessage {
  const role = (message.role ?? '').toLowerCase()
  const content = message.content ?? ''
  const images = (message.images ?? []).filter((image): image is string => image !== null)
  return images.length > 0 && model.capabilities.includes('vision') ? { role, content, images } : { role, content }
}

/** Tokens the images of a message take (none when it has none). */
export const imageTokens = (message: SimMessage): number => (message.images?.length ?? 0) * TOKENS_PER_IMAGE

/** Whether any message carries images: llama-server then gets the prompt as is (`completionPromptForRequest`). */
export const hasImages = (messages: readonly SimMessage[]): boolean =>
  messages.some((message) => (message.images?.length ?? 0) > 0)
