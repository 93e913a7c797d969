import type { AppError, ErrorCode } from '../../src-shared/ipc/result'

const SENTENCES: Record<ErrorCode, string> = {
  INVALID_INPUT: 'ollmchat could not use that input.',
  INVALID_NUM_CTX: 'That context length is not one this model accepts.',
  OLLAMA_UNREACHABLE: 'Ollama is not answering. Start the Ollama app, or run "ollama serve" in a terminal.',
  MODEL_NOT_FOUND: 'Ollama does not have this model (any more). Pick another one, or pull it again with "ollama pull".',
  OLLAMA_ERROR: 'Ollama answered with an error.',
  OLLAMA_STREAM_ERROR: 'Ollama stopped with an error in the middle of the reply.',
  STREAM_INTERRUPTED: 'The connection to Ollama dropped before the reply was finished.',
  OLLAMA_SILENT: 'Ollama sent nothing for too long, so the reply was stopped.',
  MALFORMED_RESPONSE: 'Ollama sent an answer ollmchat could not read.',
  NOT_APPLICABLE: 'This option does not apply to this model.',
  PROMPT_TOO_LONG:
    'The message is longer than the context this model runs with. Shorten it, or raise the context on the Models page.',
  OUT_OF_MEMORY: 'Ollama could not load the model at this context: there is not enough memory. Try a shorter context.',
  CANNOT_CHAT: 'This model cannot chat (it only makes embeddings). Pick a chat model.',
  SIGN_IN_REQUIRED: 'This cloud model needs you to sign in to ollama.com first.',
  CANCELLED: 'Stopped.',
  NOT_FOUND: 'That conversation or message no longer exists.',
  BUSY: 'This conversation is still answering. Wait for the reply to finish, or stop it first.',
  FORBIDDEN: 'ollmchat refused a request that did not come from its own window.',
  INTERNAL: 'Something went wrong inside ollmchat.',
}

// For these codes main writes a sentence about the exact case (which limit, how many tokens, which memory,
// which conversation), which beats the generic line; for Ollama's failures the generic line plus Ollama's own
// text in `detail` reads better.
const SPECIFIC_MESSAGE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'INVALID_INPUT',
  'INVALID_NUM_CTX',
  'NOT_APPLICABLE',
  'OLLAMA_SILENT',
  'PROMPT_TOO_LONG',
  'OUT_OF_MEMORY',
  'CANNOT_CHAT',
  'SIGN_IN_REQUIRED',
  'NOT_FOUND',
  'BUSY',
  'INTERNAL',
])

/** True for a message that is raw JSON (an Ollama error body passed through), which nobody should have to read. */
function isRawJson(text: string): boolean {
  if (!/^[[{"]/.test(text)) return false
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/**
 * Text from main fit to show a person, trimmed; `null` when there is none or it is raw JSON. Main turns Ollama's
 * error bodies into words, so this is a last defence, and it guards the sentence and the detail line alike.
 */
function readable(text: string | undefined): string | null {
  const trimmed = text?.trim() ?? ''
  return trimmed === '' || isRawJson(trimmed) ? null : trimmed
}

/**
 * The sentence shown for a failure. Every error the UI displays goes through here. `messageFirst` is for
 * operations whose generic sentences are written for chats (a pull, a delete): main's own sentence about the
 * case beats "pick another model", whatever the code.
 */
export function errorText(error: AppError, options: { messageFirst?: boolean } = {}): string {
  const specific = readable(error.message)
  if ((options.messageFirst === true || SPECIFIC_MESSAGE.has(error.code)) && specific !== null) return specific
  return SENTENCES[error.code] ?? SENTENCES.INTERNAL
}

/**
 * Extra facts worth showing in smaller type (Ollama's own error text), or `null`. Only `detail`: the
 * message is either shown by `errorText` or replaced by its generic sentence, never repeated under it.
 */
export function errorDetail(error: AppError): string | null {
  return readable(error.detail)
}
