import { describe, expect, it } from 'vitest'
import type { ChatMessage, ContextReport, NoticeInfo } from '../../../src-shared/types'
import { storedMessage } from '../../test-support/stored-message'
import { readKvShape } from '../ollama/show-model-info'
import { ContextFacts } from './context-facts'
import { truncationNotice } from './truncation-notice'

const GiB = 1024 ** 3
const report = (overrides: Partial<ContextReport> = {}): ContextReport => ({
  asked: 8192,
  source: 'custom',
  effective: 8192,
  promptTokens: 8100,
  replyTokens: 50,
  truncated: true,
  droppedMessages: 12,
  messageCut: false,
  lengthLimited: false,
  systemPromptChars: 0,
  ...overrides,
})
const notice = (info: NoticeInfo): ChatMessage => storedMessage({ role: 'notice', content: '', notice: info })
const llama3 = {
  weightsBytes: 4.5 * GiB,
  kvShape: readKvShape(
    {
      'llama.block_count': 32,
      'llama.attention.head_count': 32,
      'llama.attention.head_count_kv': 8,
      'llama.embedding_length': 4096,
    },
    'llama',
  ),
  trainedContext: 131072,
}
const draft = (overrides: Partial<Parameters<typeof truncationNotice>[0]> = {}) =>
  truncationNotice({
    model: 'llama3:latest',
    report: report(),
    history: [],
    memory: llama3,
    facts: new ContextFacts(),
    hasSystemPrompt: true,
    lastMessageTokens: 300,
    ...overrides,
  })

describe('truncationNotice', () => {
  it('names the model, the count and the context, and offers the next step', () => {
    expect(draft()).toEqual({
      content: 'llama3 no longer sees the first 12 messages of this chat: it runs with an 8K context.',
      notice: {
        kind: 'context-truncated',
        model: 'llama3:latest',
        effective: 8192,
        droppedMessages: 12,
        raiseTo: 16384,
        raiseBlockedReason: null,
      },
    })
  })

  it('is said once per context: not again for the same (or an unknown) one, again after a change', () => {
    const earlier = notice({
      kind: 'context-truncated',
      model: 'llama3:latest',
      effective: 8192,
      droppedMessages: 3,
      raiseTo: 16384,
      raiseBlockedReason: null,
    })
    expect(draft({ history: [earlier] })).toBeNull()
    expect(draft({ history: [earlier], report: report({ effective: null }) })).toBeNull()
    const unknown = notice({
      kind: 'context-truncated',
      model: 'llama3:latest',
      effective: null,
      droppedMessages: 3,
      raiseTo: null,
      raiseBlockedReason: 'x',
    })
    expect(draft({ history: [unknown] })).toBeNull()
    expect(draft({ history: [earlier], report: report({ effective: 16384, asked: 16384 }) })?.notice).toMatchObject({
      effective: 16384,
      raiseTo: 32768,
    })
    expect(draft({ history: [earlier], model: 'qwen3:8b' })).not.toBeNull()
  })

  it('says nothing for a reply that was not truncated', () => {
    expect(draft({ report: report({ truncated: false, droppedMessages: 0 }) })).toBeNull()
  })

  it('explains a cut message, mentions the system prompt only when there is one, and offers a context that holds it', () => {
    const cut = report({ messageCut: true, droppedMessages: 0, effective: 4096, asked: 4096 })
    expect(draft({ report: cut, lastMessageTokens: 9000 })).toMatchObject({
      content:
        "Your message is too long for llama3's 4K context: Ollama kept only its end, so llama3 did not see the start of it or the system prompt.",
      notice: { raiseTo: 16384 },
    })
    expect(draft({ report: cut, hasSystemPrompt: false })?.content).toMatch(/did not see the start of it\.$/)
  })

  it('offers nothing larger at the trained length, or where Ollama already ran out of memory', () => {
    expect(draft({ memory: { ...llama3, trainedContext: 8192 } })?.notice).toMatchObject({
      raiseTo: null,
      raiseBlockedReason: 'llama3 already runs with the longest context it was trained for (8K).',
    })
    const facts = new ContextFacts()
    // 4.5 GiB of weights + 2 GiB of cache at 16K = 7.0 GB: more than the 6 GiB (6.4 GB) that ran out.
    facts.noteOutOfMemory(6 * GiB)
    expect(draft({ facts })?.notice).toMatchObject({
      raiseTo: null,
      raiseBlockedReason: expect.stringMatching(
        /^A 16K context would not fit in memory: it needs about 7\.0 GB, and Ollama already ran out at 6\.4 GB\.$/,
      ) as unknown,
    })
  })
})
