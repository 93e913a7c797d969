import type { ChatChunk } from '../client'

/**
 * Reads a chat stream to its end and returns what came with the error that ended it, so a test can check both the
 * chunks kept before a failure and the failure itself.
 */
export async function collect(stream: AsyncGenerator<ChatChunk>): Promise<{ chunks: ChatChunk[]; error: unknown }> {
  const chunks: ChatChunk[] = []
  try {
    for await (const chunk of stream) chunks.push(chunk)
    return { chunks, error: undefined }
  } catch (error) {
    return { chunks, error }
  }
}
