import { Ollama } from 'ollama'
import { describe, expect, it } from 'vitest'
import { startOllamaSim } from './index'
import type { OllamaSim, SimChatRequest } from './index'
import { CHAT_SIM_OPTIONS, contentOf, post, simBeforeEach, thinkingOf, user } from './test-helpers'

let sim: OllamaSim
simBeforeEach(CHAT_SIM_OPTIONS, (started) => (sim = started))

describe('POST /api/chat streaming', () => {
  it('streams NDJSON lines echoing the model as sent, then a final done line with non-zero metrics', async () => {
    sim.setReply('Hello there, friend.')
    const answer = await post(sim, '/api/chat', { model: 'LLAMA3', messages: user('hi') })
    expect(answer.status).toBe(200)
    expect(answer.contentType).toBe('application/x-ndjson')
    const chunks = answer.lines.slice(0, -1)
    // One line per token of the simulated tokenizer: punctuation is a token of its own.
    expect(chunks.map((l) => (l.message as { content: string }).content)).toEqual([
      'Hello',
      ' there',
      ',',
      ' friend',
      '.',
    ])
    for (const line of chunks) {
      expect(Object.keys(line)).toEqual(['model', 'created_at', 'message', 'done'])
      expect(line).toMatchObject({ model: 'LLAMA3', message: { role: 'assistant' }, done: false })
      expect(line.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/)
    }
    const final = answer.lines.at(-1) ?? {}
    expect(final).toMatchObject({
      model: 'LLAMA3',
      message: { role: 'assistant', content: '' },
      done: true,
      done_reason: 'stop',
      eval_count: 5,
    })
    for (const key of [
      'total_duration',
      'load_duration',
      'prompt_eval_count',
      'prompt_eval_duration',
      'eval_duration',
    ]) {
      expect(final[key]).toBeGreaterThan(0)
    }
  })

  it('answers stream:false with one object holding the whole reply', async () => {
    sim.setReply('One two three')
    const answer = await post(sim, '/api/chat', { model: 'llama3', messages: user('hi'), stream: false })
    expect(answer.contentType).toContain('application/json')
    expect(answer.json).toMatchObject({
      model: 'llama3',
      message: { role: 'assistant', content: 'One two three' },
      done: true,
      done_reason: 'stop',
    })
  })

  it('generates a deterministic Markdown reply from the last user message by default', async () => {
    const a = contentOf(
      (await post(sim, '/api/chat', { model: 'llama3', messages: user('write some python code in a table') })).lines,
    )
    const b = contentOf(
      (await post(sim, '/api/chat', { model: 'llama3', messages: user('write some python code in a table') })).lines,
    )
    expect(a).toBe(b)
    expect(a).toContain('```python')
    expect(a).toMatch(/\| --- \|/)
  })

  it('passes the request to a reply function', async () => {
    const seen: SimChatRequest[] = []
    sim.setReply((request) => {
      seen.push(request)
      return `echo: ${request.messages.at(-1)?.content ?? ''}`
    })
    const answer = await post(sim, '/api/chat', {
      model: 'llama3',
      messages: [{ role: 'SYSTEM', content: 'be nice' }, ...user('ping')],
      options: { temperature: 0 },
    })
    expect(contentOf(answer.lines)).toBe('echo: ping')
    expect(seen).toEqual([
      {
        model: 'llama3',
        messages: [
          { role: 'system', content: 'be nice' },
          { role: 'user', content: 'ping' },
        ],
        options: { temperature: 0 },
      },
    ])
  })

  it('takes a reply from the options at start', async () => {
    const other = await startOllamaSim({ models: ['llama3'], reply: 'fixed' })
    try {
      expect(contentOf((await post(other, '/api/chat', { model: 'llama3', messages: user('x') })).lines)).toBe('fixed')
    } finally {
      await other.close()
    }
  })

  it('stops at num_predict with done_reason length', async () => {
    sim.setReply('a b c d e f')
    const answer = await post(sim, '/api/chat', { model: 'llama3', messages: user('x'), options: { num_predict: 2 } })
    expect(contentOf(answer.lines)).toBe('a b')
    expect(answer.lines.at(-1)).toMatchObject({ done_reason: 'length', eval_count: 2 })
  })

  it('answers a format request with JSON content', async () => {
    const answer = await post(sim, '/api/chat', { model: 'llama3', messages: user('x'), format: 'json', stream: false })
    const content = (answer.json as { message: { content: string } }).message.content
    expect(() => JSON.parse(content) as unknown).not.toThrow()
  })
})

describe('thinking', () => {
  it('streams thinking tokens first for thinking models when think is omitted', async () => {
    sim.setReply('Answer.')
    const answer = await post(sim, '/api/chat', { model: 'qwen3:8b', messages: user('why is the sky blue') })
    const chunks = answer.lines.slice(0, -1)
    const firstContent = chunks.findIndex((l) => (l.message as { content: string }).content !== '')
    expect(firstContent).toBeGreaterThan(0)
    expect(
      chunks.slice(0, firstContent).every((l) => typeof (l.message as { thinking?: string }).thinking === 'string'),
    ).toBe(true)
    expect(thinkingOf(answer.lines)).toContain('why is the sky blue')
    expect(contentOf(answer.lines)).toBe('Answer.')
  })

  it('emits no thinking with think:false, and never for other models', async () => {
    expect(
      thinkingOf((await post(sim, '/api/chat', { model: 'qwen3:8b', messages: user('x'), think: false })).lines),
    ).toBe('')
    const plain = await post(sim, '/api/chat', { model: 'llama3', messages: user('x') })
    expect(plain.lines.every((l) => !('thinking' in (l.message as object)))).toBe(true)
  })

  it('concatenates thinking in a non-streamed answer', async () => {
    const answer = await post(sim, '/api/chat', {
      model: 'qwen3:8b',
      messages: user('x'),
      think: 'high',
      stream: false,
    })
    expect((answer.json as { message: { thinking: string } }).message.thinking).toMatch(/^Okay, /)
  })

  it('rejects think:true on a model without thinking with the quoted name as sent', async () => {
    expect(await post(sim, '/api/chat', { model: 'Llama3', messages: user('x'), think: true })).toMatchObject({
      status: 400,
      json: { error: '"Llama3" does not support thinking' },
    })
  })
})

describe('ollama-js chat', () => {
  it('iterates a stream and returns the final metrics', async () => {
    sim.setReply('Streaming works fine')
    const client = new Ollama({ host: sim.url })
    const parts: string[] = []
    let doneReason = ''
    for await (const part of await client.chat({ model: 'llama3', messages: user('hi'), stream: true })) {
      parts.push(part.message.content)
      if (part.done) doneReason = part.done_reason
    }
    expect(parts.join('')).toBe('Streaming works fine')
    expect(doneReason).toBe('stop')
    expect(sim.requestsTo('/api/chat')[0]?.body).toMatchObject({ model: 'llama3', stream: true })
  })

  it('reads thinking through the client', async () => {
    const client = new Ollama({ host: sim.url })
    const response = await client.chat({ model: 'qwen3:8b', messages: user('hi'), stream: false })
    expect(response.message.thinking).toMatch(/^Okay/)
  })
})
