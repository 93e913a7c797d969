import { MalformedResponseError, OllamaStreamError } from './errors'

/**
 * The longest streamed line accepted (in characters, so at least 16 MB of text). A line is held whole until its
 * newline arrives; without a bound, a peer that never sends one would grow the buffer until the app runs out of
 * memory. Ollama's own lines are one token or one progress step each, far below this.
 */
export const MAX_NDJSON_LINE_CHARS = 16 * 1024 * 1024

const lineTooLong = (line: string) =>
  new MalformedResponseError('a streamed line is longer than 16 MB', line.slice(0, 200))

/**
 * One line's JSON, parsed once. An unparseable line or one that is not an object is `MalformedResponseError`; an
 * `{"error": …}` line is `OllamaStreamError` with Ollama's text (`server/routes.go` `streamResponse` writes an error
 * after the first byte as such a line, with status 200 already sent).
 */
function parseLine(line: string): unknown {
  let parsed: unknown
  try {
    parsed = JSON.parse(line)
  } catch {
    throw new MalformedResponseError('a streamed line is not JSON', line.slice(0, 200))
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new MalformedResponseError('a streamed line is not a JSON object', line.slice(0, 200))
  }
  const error = (parsed as { error?: unknown }).error
  if (error !== undefined && error !== null)
    throw new OllamaStreamError(typeof error === 'string' ? error : JSON.stringify(error))
  return parsed
}

/**
 * Reads an NDJSON body line by line: each byte decoded once (UTF-8, characters split across chunks re-joined), each
 * line parsed once and handed to `readLine` (the one schema check), blank lines skipped, a last line without its
 * newline kept. A failure (bad line, error line, a line over `MAX_NDJSON_LINE_CHARS`, the body's own failure such
 * as undici's `terminated`) is thrown only after every line before it was yielded, so partial answers are never
 * lost; an over-long line fails as soon as the limit is passed, without waiting for its end. Leaving the loop early,
 * or failing, cancels the body, which closes a connection still sending.
 */
export async function* readNdjson<T>(
  body: ReadableStream<Uint8Array>,
  readLine: (value: unknown) => T,
): AsyncGenerator<T> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  let finished = false
  try {
    while (!finished) {
      const { done, value } = await reader.read()
      finished = done
      const piece = done ? decoder.decode() : decoder.decode(value, { stream: true })
      buffer += piece
      // Only the new text is searched for a line end, so a long line costs its length once, not once per chunk.
      if (!done && !piece.includes('\n')) {
        if (buffer.length > MAX_NDJSON_LINE_CHARS) throw lineTooLong(buffer)
        continue
      }
      const lines = buffer.split('\n')
      buffer = done ? '' : (lines.pop() ?? '')
      for (const raw of lines) {
        const line = raw.trim()
        if (line === '') continue
        if (line.length > MAX_NDJSON_LINE_CHARS) throw lineTooLong(line)
        yield readLine(parseLine(line))
      }
      // The unfinished line after them counts too: its newline may never come.
      if (buffer.length > MAX_NDJSON_LINE_CHARS) throw lineTooLong(buffer)
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => {})
  }
}
