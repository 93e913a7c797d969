import { describe, expect, it } from 'vitest'
import { defaultReply, defaultThinking, lastUserText } from './replies'
import { promptTokens } from './tokens'

const ask = (content: string) => ({ model: 'm', messages: [{ role: 'user', content }] })

describe('defaultReply', () => {
  it('is deterministic and mentions the topic', () => {
    const a = defaultReply(ask('Explain photosynthesis'))
    expect(defaultReply(ask('Explain photosynthesis'))).toBe(a)
    expect(a).toContain('**explain photosynthesis**')
    expect(a).not.toContain('```')
  })

  it('adds a fenced code block when the prompt asks for code', () => {
    expect(defaultReply(ask('write a python function'))).toMatch(/```python\n[\s\S]+\n```/)
    expect(defaultReply(ask('some typescript code please'))).toContain('```typescript')
  })

  it('adds a GFM table when asked for a table', () => {
    expect(defaultReply(ask('show me a table'))).toMatch(/\| --- \| --- \| --- \|/)
  })

  it('adds inline and display math when asked about math', () => {
    const reply = defaultReply(ask('give me a math formula'))
    expect(reply).toMatch(/\$a\^2 \+ b\^2 = c\^2\$/)
    expect(reply).toMatch(/\$\$[^$]+\$\$/)
  })

  it('answers a title request with a short plain title', () => {
    const reply = defaultReply(ask('Write a short title for: baking sourdough bread'))
    expect(reply.split(' ').length).toBeLessThanOrEqual(4)
    expect(reply).not.toContain('**')
  })

  it('uses the last user message', () => {
    const request = {
      model: 'm',
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'x' },
        { role: 'user', content: 'second' },
      ],
    }
    expect(lastUserText(request)).toBe('second')
    expect(defaultThinking(request)).toContain('second')
    expect(promptTokens(request.messages)).toBeGreaterThan(3)
  })
})
