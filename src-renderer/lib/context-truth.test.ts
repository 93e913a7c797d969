import { describe, expect, it } from 'vitest'
import { makeContext, makeMessage, makeModel } from '../test-support/fixtures'
import { AUTO_CONTEXT_EXPLANATION, contextSourceText, effectiveContext, lowersAutomaticContext } from './context-label'
import { errorDetail, errorText } from './error-text'
import { firstSeenMessageId, latestContext } from './latest-context'
import { memoryEstimateText, runningMemoryText, unloadTimeText } from './memory-text'
import { safeOllamaLink } from '../../src-shared/links'
import { formatTokenCount, shortModelName } from '../../src-shared/format'

describe('effectiveContext for Ollama’s own choice', () => {
  it('says what Ollama chose for this model when ollmchat has seen it', () => {
    const model = makeModel({ name: 'a', automaticContext: { tokens: 32768, basis: 'seen' }, runningContext: 8192 })
    expect(effectiveContext(model)).toMatchObject({ tokens: 32768, label: '32K · chosen by Ollama' })
  })

  it('uses the context it is loaded with now, before a guess from another model', () => {
    const model = makeModel({ name: 'a', runningContext: 8192, automaticContext: { tokens: 32768, basis: 'inferred' } })
    expect(effectiveContext(model).label).toBe('8K · chosen by Ollama')
  })

  it('marks a value inferred from another model as likely', () => {
    const model = makeModel({ name: 'a', automaticContext: { tokens: 32768, basis: 'inferred' } })
    expect(effectiveContext(model).label).toBe('likely 32K · Ollama’s choice')
  })

  it('says "auto" and explains how Ollama chooses when nothing is known', () => {
    const context = effectiveContext(makeModel({ name: 'a' }))
    expect(context.label).toBe('auto')
    expect(contextSourceText(context)).toBe(AUTO_CONTEXT_EXPLANATION)
    expect(AUTO_CONTEXT_EXPLANATION).toContain('OLLAMA_CONTEXT_LENGTH')
    expect(AUTO_CONTEXT_EXPLANATION).toContain('under 24 GB: 4K, under 48 GB: 32K, more: 256K')
  })

  it('never lets Ollama’s choice hide a setting of the user or of the model', () => {
    const automatic = { tokens: 32768, basis: 'seen' as const }
    expect(effectiveContext(makeModel({ name: 'a', customNumCtx: 8192, automaticContext: automatic })).label).toBe(
      '8K · custom',
    )
    expect(effectiveContext(makeModel({ name: 'a', modelNumCtx: 4096, runningContext: 4096 })).label).toBe('4K')
  })

  it('warns only for a value lower than what Ollama would choose', () => {
    const model = makeModel({ name: 'a', automaticContext: { tokens: 32768, basis: 'seen' } })
    expect(lowersAutomaticContext(model, 8192)).toBe(true)
    expect(lowersAutomaticContext(model, 32768)).toBe(false)
    expect(lowersAutomaticContext(makeModel({ name: 'a' }), 8192)).toBe(false)
  })
})

describe('memory sentences', () => {
  it('says how much of a loaded model runs on the CPU', () => {
    expect(runningMemoryText({ sizeBytes: 5_900_000_000, vramBytes: 5_900_000_000, unloadsAt: null })).toBe(
      'Loaded: 5.9 GB, all on the GPU',
    )
    expect(runningMemoryText({ sizeBytes: 5_900_000_000, vramBytes: 4_130_000_000, unloadsAt: null })).toBe(
      'Loaded: 5.9 GB — 30 % of this model runs on the CPU at this context (slower)',
    )
  })

  it('says when a loaded model unloads, from a time with its offset', () => {
    const now = Date.parse('2026-08-03T12:00:00Z')
    expect(unloadTimeText('2026-08-03T14:04:00+02:00', now)).toBe('unloads in 4 min')
    expect(unloadTimeText('2026-08-03T12:00:20Z', now)).toBe('unloads in less than a minute')
    expect(unloadTimeText('2026-08-03T14:00:00Z', now)).toBe('unloads in 2 h')
    // Past its time: Ollama unloads it once the reply using it ends.
    expect(unloadTimeText('2026-08-03T11:59:00Z', now)).toBe('unloads when idle')
    expect(unloadTimeText('2026-08-03T12:00:00Z', now)).toBe('unloads when idle')
    // Unknown, or kept for good: nothing to say.
    expect(unloadTimeText(null, now)).toBeNull()
    expect(unloadTimeText('soon', now)).toBeNull()
  })

  it('adds up an estimate and says when it would not fit on the GPU', () => {
    const estimate = {
      weightsBytes: 4_700_000_000,
      kvCacheBytes: 1_200_000_000,
      totalBytes: 5_900_000_000,
      gpuBytes: null,
    }
    expect(memoryEstimateText(estimate, 16384)).toBe('About 5.9 GB at 16K: 4.7 GB weights + 1.2 GB context cache')
    expect(memoryEstimateText({ ...estimate, gpuBytes: 4_000_000_000 }, 16384)).toContain(
      'more than the 4.0 GB the GPU has for it, so part would run on the CPU (slower)',
    )
  })
})

describe('errorText for the context and cloud failures', () => {
  it.each(['PROMPT_TOO_LONG', 'OUT_OF_MEMORY', 'CANNOT_CHAT', 'SIGN_IN_REQUIRED'] as const)(
    'shows main’s sentence with its numbers for %s',
    (code) => {
      const message = 'Your message needs about 9,500 tokens, but llama3 runs with 8K.'
      expect(errorText({ code, message })).toBe(message)
    },
  )

  it('never shows a raw JSON body as the sentence', () => {
    const text = errorText({
      code: 'OUT_OF_MEMORY',
      message: '{"error":"model requires more system memory (9.1 GiB)"}',
    })
    expect(text).toBe(
      'Ollama could not load the model at this context: there is not enough memory. Try a shorter context.',
    )
  })

  it('shows no raw JSON body as the detail either, and keeps a detail in words', () => {
    const body = '{"error":"model requires more system memory (9.1 GiB)"}'
    expect(errorDetail({ code: 'OLLAMA_ERROR', message: 'x', detail: body })).toBeNull()
    expect(errorDetail({ code: 'OLLAMA_ERROR', message: 'x', detail: ` ${body}\n` })).toBeNull()
    expect(errorDetail({ code: 'OLLAMA_ERROR', message: 'x', detail: ' model runner has unexpectedly stopped ' })).toBe(
      'model runner has unexpectedly stopped',
    )
  })

  it('has its own sentence when main sent none', () => {
    expect(errorText({ code: 'SIGN_IN_REQUIRED', message: '' })).toBe(
      'This cloud model needs you to sign in to ollama.com first.',
    )
  })
})

describe('safeOllamaLink', () => {
  it.each([
    ['https://ollama.com/connect?name=x', 'https://ollama.com/connect?name=x'],
    ['https://www.ollama.com/signin', 'https://www.ollama.com/signin'],
    ['http://ollama.com/connect', null],
    ['https://ollama.com.evil.example/connect', null],
    ['https://evilollama.com/', null],
    ['https://user:pw@ollama.com/', null],
    ['javascript:alert(1)', null],
    ['not a url', null],
  ])('%s → %s', (url, expected) => {
    expect(safeOllamaLink(url)).toBe(expected)
  })
})

describe('what the model still sees', () => {
  const c = 'c1'
  const messages = [
    makeMessage({ id: 'u1', conversationId: c, role: 'user', content: 'Hi' }),
    makeMessage({ id: 'a1', conversationId: c, role: 'assistant', content: 'Hello' }),
    makeMessage({ id: 'n1', conversationId: c, role: 'notice', content: 'llama3 no longer sees the start' }),
    makeMessage({ id: 'u2', conversationId: c, role: 'user', content: 'And?' }),
    makeMessage({
      id: 'a2',
      conversationId: c,
      role: 'assistant',
      content: 'So.',
      context: makeContext({ truncated: true, droppedMessages: 2 }),
    }),
  ]

  it('finds the first message after the dropped ones, not counting notices', () => {
    expect(firstSeenMessageId(messages, latestContext(messages))).toBe('u2')
  })

  it('does not count a reply without text: main never sends one to the model', () => {
    const failed = makeMessage({ id: 'a0', conversationId: c, role: 'assistant', status: 'error', content: '' })
    const withFailed = [messages[0]!, failed, ...messages.slice(1)]
    expect(firstSeenMessageId(withFailed, latestContext(withFailed))).toBe('u2')
  })

  it('has no boundary when the latest report dropped nothing', () => {
    const later = [...messages, makeMessage({ id: 'a3', conversationId: c, role: 'assistant', context: makeContext() })]
    expect(firstSeenMessageId(later, latestContext(later))).toBeNull()
  })
})

it('formats token counts and model names for sentences', () => {
  expect([812, 2416, 8192, 150_000].map(formatTokenCount)).toEqual(['812', '2.4K', '8K', '146K'])
  expect(shortModelName('llama3:latest')).toBe('llama3')
  expect(shortModelName('qwen3:8b')).toBe('qwen3:8b')
})
