import { afterEach, describe, expect, it, vi } from 'vitest'
import { MalformedResponseError, OllamaStreamError } from './errors'
import { MAX_NDJSON_LINE_CHARS, readNdjson } from './ndjson'

const encoder = new TextEncoder()

/** A body handing out `chunks` one per read, then failing with `failWith` or ending; `cancelled` tells whether it was cancelled. */
function streamOf(
  chunks: (string | Uint8Array)[],
  failWith?: Error,
): ReadableStream<Uint8Array> & { cancelled: () => boolean } {
  let i = 0
  let cancelled = false
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks[i++]
      if (next !== undefined) controller.enqueue(typeof next === 'string' ? encoder.encode(next) : next)
      else if (failWith) controller.error(failWith)
      else controller.close()
    },
    cancel() {
      cancelled = true
    },
  })
  return Object.assign(stream, { cancelled: () => cancelled })
}

async function readLines(stream: ReadableStream<Uint8Array>): Promise<{ lines: unknown[]; error: unknown }> {
  const lines: unknown[] = []
  try {
    for await (const line of readNdjson(stream, (value) => value)) lines.push(line)
    return { lines, error: undefined }
  } catch (error) {
    return { lines, error }
  }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('readNdjson', () => {
  it('re-joins lines split across chunks, including inside a multi-byte character', async () => {
    const bytes = encoder.encode('{"t":"é"}\n{"t":"b"}')
    const at = bytes.indexOf(0xc3) + 1
    const { lines, error } = await readLines(streamOf([bytes.slice(0, at), bytes.slice(at), '\n']))
    expect(error).toBeUndefined()
    expect(lines).toEqual([{ t: 'é' }, { t: 'b' }])
  })

  it('keeps a last line without a newline and skips blank lines', async () => {
    const { lines } = await readLines(streamOf(['{"a":1}\n\n  \n{"a":2}']))
    expect(lines).toEqual([{ a: 1 }, { a: 2 }])
  })

  it('delivers every line before an error line, then fails with OllamaStreamError', async () => {
    const body = streamOf(['{"a":1}\n{"a":2}\n{"error":"out of memory"}\n{"a":3}\n', '{"a":4}\n'])
    const { lines, error } = await readLines(body)
    expect(lines).toEqual([{ a: 1 }, { a: 2 }])
    expect(error).toBeInstanceOf(OllamaStreamError)
    expect(error).toMatchObject({ ollamaMessage: 'out of memory' })
    expect(body.cancelled()).toBe(true)
  })

  it('delivers every line before an unparseable one, then fails with MalformedResponseError', async () => {
    const { lines, error } = await readLines(streamOf(['{"a":1}\nnot json\n']))
    expect(lines).toEqual([{ a: 1 }])
    expect(error).toBeInstanceOf(MalformedResponseError)
    const array = await readLines(streamOf(['[1,2]\n']))
    expect(array.error).toBeInstanceOf(MalformedResponseError)
  })

  it('passes the source’s own failure through after the lines before it', async () => {
    const dropped = new TypeError('terminated')
    const { lines, error } = await readLines(streamOf(['{"a":1}\n'], dropped))
    expect(lines).toEqual([{ a: 1 }])
    expect(error).toBe(dropped)
  })

  it('parses each line once and checks it once with the given reader', async () => {
    const parse = vi.spyOn(JSON, 'parse')
    const readLine = vi.fn((value: unknown) => value)
    const lines: unknown[] = []
    for await (const line of readNdjson(streamOf(['{"a":1}\n{"a"', ':2}\n{"a":3}']), readLine)) lines.push(line)
    expect(lines).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }])
    expect(parse).toHaveBeenCalledTimes(3)
    expect(readLine).toHaveBeenCalledTimes(3)
  })

  it('throws what the line reader throws, after the lines before it', async () => {
    const wrong = new MalformedResponseError('unexpected /api/chat line')
    const lines: unknown[] = []
    const reading = (async () => {
      for await (const line of readNdjson(streamOf(['{"a":1}\n{"b":2}\n']), (value) => {
        if ('b' in (value as object)) throw wrong
        return value
      }))
        lines.push(line)
    })()
    await expect(reading).rejects.toBe(wrong)
    expect(lines).toEqual([{ a: 1 }])
  })

  it('fails a line longer than the cap as soon as the cap is passed, before its newline, and cancels the body', async () => {
    const half = 'x'.repeat(MAX_NDJSON_LINE_CHARS / 2 + 1)
    const body = streamOf(['{"a":1}\n{"t":"', half, half, '"}\n'])
    const { lines, error } = await readLines(body)
    expect(lines).toEqual([{ a: 1 }])
    expect(error).toBeInstanceOf(MalformedResponseError)
    expect((error as Error).message).toContain('longer than 16 MB')
    expect(body.cancelled()).toBe(true)
  })

  it('cancels the body when the reader leaves early, and not when the body was read to its end', async () => {
    const early = streamOf(['{"a":1}\n', '{"a":2}\n'])
    for await (const line of readNdjson(early, (value) => value)) if (line !== undefined) break
    expect(early.cancelled()).toBe(true)
    const whole = streamOf(['{"a":1}\n'])
    await readLines(whole)
    expect(whole.cancelled()).toBe(false)
  })
})
