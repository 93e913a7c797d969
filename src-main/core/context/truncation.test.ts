import { describe, expect, it } from 'vitest'
import type { ChatMessage, ContextReport } from '../../../src-shared/types'
import { storedMessage } from '../../test-support/stored-message'
import { promptEntries } from '../chat/conversation-text'
import { DEFAULT_TOKENS_PER_CHAR, estimatePrompt, promptParts, type PromptPart } from './prompt-estimate'
import { findTruncation } from './truncation'

let nextId = 0
const message = (role: 'user' | 'assistant', content: string, extra: Partial<ChatMessage> = {}): ChatMessage =>
  storedMessage({ id: `m${++nextId}`, role, content, ...extra })

/**
 * A stand-in for Ollama: its own tokenizer (deliberately not the estimate's 4 characters per token), a hidden
 * template overhead and Modelfile system prompt, and `truncateNativeChatMessages`' rule: drop from the front, keep
 * system messages and the last one, stop once it fits.
 */
function fakeOllama(options: { charsPerToken: number; perMessage: number; hiddenSystem: number }) {
  const tokens = (text: string) => Math.ceil(text.length / options.charsPerToken) + options.perMessage
  const tell = (sent: { role: string; content: string }[], numCtx: number) => {
    const count = (list: typeof sent) => options.hiddenSystem + 3 + list.reduce((sum, m) => sum + tokens(m.content), 0)
    for (let start = 0; start < sent.length; start++) {
      const kept = [...sent.slice(0, start).filter((m) => m.role === 'system'), ...sent.slice(start)]
      if (count(kept) <= numCtx || start === sent.length - 1) {
        return {
          promptTokens: Math.min(count(kept), numCtx),
          dropped: sent.slice(0, start).filter((m) => m.role !== 'system').length,
        }
      }
    }
    return { promptTokens: 0, dropped: 0 }
  }
  // A reply's eval_count counts its tokens with the same tokenizer (plus the end-of-turn token).
  return Object.assign(tell, { replyTokens: (text: string) => Math.ceil(text.length / options.charsPerToken) + 1 })
}

/** A seeded random source, so a failing case can be replayed. */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const words = (rand: () => number, count: number) =>
  Array.from({ length: count }, () => 'lorem ipsum dolor sit amet consectetur'.split(' ')[Math.floor(rand() * 6)]).join(
    ' ',
  )

/** Plays a whole conversation against the fake Ollama, recording each reply's report as the app would. */
function play(seed: number, numCtx: number, turns: number, ollama: ReturnType<typeof fakeOllama>) {
  const rand = random(seed)
  const history: ChatMessage[] = []
  const findings: { truth: number; found: ReturnType<typeof findTruncation> }[] = []
  for (let turn = 0; turn < turns; turn++) {
    history.push(message('user', words(rand, 20 + Math.floor(rand() * 120))))
    const entries = promptEntries('You are terse.', history)
    const parts = promptParts(entries, { model: 'llama3:latest', systemPromptChars: 'You are terse.'.length })
    const outcome = ollama(
      entries.map((e) => e.message),
      numCtx,
    )
    const found = findTruncation(parts, estimatePrompt(parts), outcome.promptTokens, numCtx)
    findings.push({ truth: outcome.dropped, found })
    const reply = words(rand, 30 + Math.floor(rand() * 150))
    const replyTokens = ollama.replyTokens(reply)
    const context: ContextReport = {
      asked: numCtx,
      source: 'custom',
      effective: numCtx,
      promptTokens: outcome.promptTokens,
      replyTokens,
      truncated: found.truncated,
      droppedMessages: found.droppedMessages,
      messageCut: found.messageCut,
      lengthLimited: false,
      systemPromptChars: 'You are terse.'.length,
    }
    history.push(message('assistant', reply, { stats: { promptTokens: outcome.promptTokens, replyTokens }, context }))
  }
  return findings
}

describe('estimatePrompt', () => {
  it('uses about four characters per token before the conversation teaches a better rate', () => {
    const parts: PromptPart[] = [{ role: 'user', chars: 400, knownTokens: null, anchorPromptTokens: null }]
    expect(estimatePrompt(parts).expected).toBe(400 * DEFAULT_TOKENS_PER_CHAR + 4)
  })

  it("takes an untruncated reply's prompt count as exact for everything before it", () => {
    const parts: PromptPart[] = [
      { role: 'user', chars: 4000, knownTokens: null, anchorPromptTokens: null },
      { role: 'assistant', chars: 300, knownTokens: 90, anchorPromptTokens: 2222 },
      { role: 'user', chars: 40, knownTokens: null, anchorPromptTokens: null },
    ]
    const estimate = estimatePrompt(parts)
    expect(estimate.perPart[0]).toBeCloseTo(2222)
    expect(estimate.expected).toBeCloseTo(2222 + 94 + estimate.perPart[2]!)
  })
})

describe('findTruncation', () => {
  it('reports nothing when the report is missing or matches what was sent', () => {
    const parts: PromptPart[] = [{ role: 'user', chars: 400, knownTokens: null, anchorPromptTokens: null }]
    expect(findTruncation(parts, estimatePrompt(parts), null, 4096).truncated).toBe(false)
    expect(findTruncation(parts, estimatePrompt(parts), 104, 4096).truncated).toBe(false)
  })

  it('says the last message was cut when even dropping every earlier one cannot explain the report', () => {
    const parts: PromptPart[] = [
      { role: 'system', chars: 2000, knownTokens: null, anchorPromptTokens: null },
      { role: 'user', chars: 60_000, knownTokens: null, anchorPromptTokens: null },
    ]
    expect(findTruncation(parts, estimatePrompt(parts), 4_000, 4096)).toEqual({
      truncated: true,
      droppedMessages: 0,
      messageCut: true,
    })
  })

  it('counts a report that fills the context while less arrived than was sent, even within the noise', () => {
    // No anchor yet: the estimate is rough (uncertainty of several hundred tokens).
    const parts: PromptPart[] = [
      { role: 'user', chars: 4000, knownTokens: null, anchorPromptTokens: null },
      { role: 'assistant', chars: 2000, knownTokens: null, anchorPromptTokens: null },
      { role: 'user', chars: 2200, knownTokens: null, anchorPromptTokens: null },
    ]
    const estimate = estimatePrompt(parts)
    const reported = Math.round(estimate.expected - estimate.uncertainty / 2)
    expect(findTruncation(parts, estimate, reported, 8192).truncated).toBe(false)
    expect(findTruncation(parts, estimate, reported, reported + 20)).toMatchObject({
      truncated: true,
      droppedMessages: 1,
    })
  })

  it.each([
    { seed: 1, numCtx: 2048, charsPerToken: 3.7, perMessage: 5, hiddenSystem: 0 },
    { seed: 2, numCtx: 4096, charsPerToken: 4.6, perMessage: 4, hiddenSystem: 120 },
    { seed: 3, numCtx: 4096, charsPerToken: 3.1, perMessage: 6, hiddenSystem: 0 },
    { seed: 4, numCtx: 8192, charsPerToken: 4.0, perMessage: 5, hiddenSystem: 40 },
  ])('never raises a false alarm, and counts the drops closely (%o)', ({ seed, numCtx, ...tokenizer }) => {
    const findings = play(seed, numCtx, 60, fakeOllama(tokenizer))
    const first = findings.findIndex((f) => f.truth > 0)
    expect(first).toBeGreaterThan(0)
    // The first drop is what the notice reports: within one message.
    expect(Math.abs(findings[first]!.found.droppedMessages - findings[first]!.truth)).toBeLessThanOrEqual(1)
    for (const { truth, found } of findings) {
      if (truth === 0) expect(found.truncated).toBe(false)
      else {
        expect(found.truncated).toBe(true)
        // Deep into a long chat only estimates remain: still within 5 % (or one message).
        expect(Math.abs(found.droppedMessages - truth)).toBeLessThanOrEqual(Math.max(1, Math.ceil(truth * 0.05)))
      }
    }
  })
})
