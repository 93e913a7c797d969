// How `OllamaClient.pull` ends: only Ollama's `success` line completes a pull; a stream that stops before it,
// cleanly or with the connection cut, is `StreamInterruptedError`.
import { afterEach, describe, expect, it } from 'vitest'
import { startOllamaSim, type OllamaSim } from '../../../tools/ollama-sim/index'
import { OllamaClient, type PullLine } from './client'
import { StreamInterruptedError } from './errors'

let sim: OllamaSim | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

/** A fetch answering every request with these NDJSON lines, then ending the body normally. */
const answering =
  (lines: object[]): typeof fetch =>
  async () =>
    new Response(lines.map((line) => `${JSON.stringify(line)}\n`).join(''), {
      status: 200,
      headers: { 'content-type': 'application/x-ndjson' },
    })

async function pullAll(client: OllamaClient, model: string): Promise<{ lines: PullLine[]; error: unknown }> {
  const lines: PullLine[] = []
  try {
    await client.pull(model, { onLine: (line) => lines.push(line) })
    return { lines, error: undefined }
  } catch (error) {
    return { lines, error }
  } finally {
    await client.close()
  }
}

describe('OllamaClient.pull', () => {
  it('resolves after Ollama’s success line, passing on every line', async () => {
    const client = new OllamaClient({
      host: 'http://127.0.0.1:11434',
      fetch: answering([{ status: 'pulling manifest' }, { status: 'success' }]),
    })
    expect(await pullAll(client, 'llama3')).toEqual({
      lines: [
        { status: 'pulling manifest', digest: null, total: null, completed: null },
        { status: 'success', digest: null, total: null, completed: null },
      ],
      error: undefined,
    })
  })

  it('fails when the stream ends normally but without success', async () => {
    const layer = { status: 'pulling aaa', digest: 'sha256:aaa', total: 10, completed: 4 }
    const client = new OllamaClient({
      host: 'http://127.0.0.1:11434',
      fetch: answering([{ status: 'pulling manifest' }, layer]),
    })
    const { lines, error } = await pullAll(client, 'llama3')
    expect(lines).toHaveLength(2)
    expect(error).toBeInstanceOf(StreamInterruptedError)
  })

  it('fails when Ollama goes away mid-pull and the connection closes', async () => {
    const running = await startOllamaSim({ models: [], pullBytesPerSecond: 200e6 })
    sim = running
    const client = new OllamaClient({ host: running.url })
    const lines: PullLine[] = []
    const pulled = client.pull('llama3.2:1b', {
      onLine: (line) => {
        lines.push(line)
        if ((line.completed ?? 0) > 10e6) void running.faults.down()
      },
    })
    await expect(pulled).rejects.toBeInstanceOf(StreamInterruptedError)
    expect(lines.some((line) => line.status === 'success')).toBe(false)
    await client.close()
  })
})
