import { describe, expect, it } from 'vitest'
import { MalformedResponseError, OllamaStreamError } from './errors'
import { guardNdjson } from './http'

const encoder = new TextEncoder()

function streamOf(chunks: (string | Uint8Array)[], failWith?: Error): ReadableStream<Uint8Array> {
  let i = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks[i++]
      if (next !== undefined) controller.enqueue(typeof next === 'string' ? encoder.encode(next) : next)
      else if (failWith) controller.error(failWith)
      else controller.close()
    },
  })
}

async function readLines(stream: ReadableStream<Uint8Array>): Promise<{ lines: unknown[]; error: unknown }> {
  const reader = stream.getReader()
  const decoder = new TextDecoder()
  const lines: unknown[] = []
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return { lines, error: undefined }
      for (const line of decoder.decode(value).split('\n')) if (line !== '') lines.push(JSON.parse(line))
    }
  } catch (error) {
    return { lines, error }
  }
}

describe('guardNdjson', () => {
  it('re-joins lines split across chunks, including inside a multi-byte character', async () => {
    const bytes = encoder.encode('{"t":"é"}\n{"t":"b"}')
    const at = bytes.indexOf(0xc3) + 1
    const { lines, error } = await readLines(guardNdjson(streamOf([bytes.slice(0, at), bytes.slice(at), '\n'])))
    expect(error).toBeUndefined()
    expect(lines).toEqual([{ t: 'é' }, { t: 'b' }])
  })

  it('keeps a last line without a newline and skips blank lines', async () => {
    const { lines } = await readLines(guardNdjson(streamOf(['{"a":1}\n\n  \n{"a":2}'])))
    expect(lines).toEqual([{ a: 1 }, { a: 2 }])
  })

  it('delivers every line before an error line, then fails with OllamaStreamError', async () => {
    const { lines, error } = await readLines(guardNdjson(streamOf(['{"a":1}\n{"a":2}\n{"error":"out of memory"}\n{"a":3}\n'])))
    expect(lines).toEqual([{ a: 1 }, { a: 2 }])
    expect(error).toBeInstanceOf(OllamaStreamError)
    expect(error).toMatchObject({ ollamaMessage: 'out of memory' })
  })

  it('delivers every line before an unparseable one, then fails with MalformedResponseError', async () => {
    const { lines, error } = await readLines(guardNdjson(streamOf(['{"a":1}\nnot json\n'])))
    expect(lines).toEqual([{ a: 1 }])
    expect(error).toBeInstanceOf(MalformedResponseError)
    const array = await readLines(guardNdjson(streamOf(['[1,2]\n'])))
    expect(array.error).toBeInstanceOf(MalformedResponseError)
  })

  it('passes the source’s own failure through after the lines before it', async () => {
    const dropped = new TypeError('terminated')
    const { lines, error } = await readLines(guardNdjson(streamOf(['{"a":1}\n'], dropped)))
    expect(lines).toEqual([{ a: 1 }])
    expect(error).toBe(dropped)
  })
})
