import type { OllamaClient } from '../ollama/client'
import { MalformedResponseError, ModelNotFoundError } from '../ollama/errors'

/**
 * Checks that a temporary model Ollama reported created exists with the `num_ctx` it was created with, so a create
 * that silently did something else (an older server, a proxy answering for it) never serves a chat.
 */
export async function verifyCreated(
  client: OllamaClient,
  path: string,
  numCtx: number,
  signal: AbortSignal,
): Promise<void> {
  let shown
  try {
    shown = await client.show(path, { signal })
  } catch (error) {
    if (error instanceof ModelNotFoundError) {
      throw new MalformedResponseError('the temporary model is missing right after Ollama reported it created', path)
    }
    throw error
  }
  if (shown.numCtx !== numCtx) {
    throw new MalformedResponseError(
      'the temporary model does not have the context length it was created with',
      `${path}: ${String(shown.numCtx)}`,
    )
  }
}
