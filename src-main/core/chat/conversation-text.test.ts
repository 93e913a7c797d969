import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../../src-shared/types'
import { storedMessage } from '../../test-support/stored-message'
import { promptMessages, titleFromMessage } from './conversation-text'

const message = (role: ChatMessage['role'], content: string, status: ChatMessage['status'] = 'complete'): ChatMessage =>
  storedMessage({ role, content, status, model: null })

describe('titleFromMessage', () => {
  it('uses the first line with whitespace collapsed', () => {
    expect(titleFromMessage('  How do   I sort\nin Rust?')).toBe('How do I sort')
  })
  it('cuts long lines at a word and marks the cut', () => {
    const title = titleFromMessage('Explain the difference between a mutex and a semaphore in operating systems please')
    expect(title.endsWith('…')).toBe(true)
    expect(title.length).toBeLessThanOrEqual(61)
    expect(title).toBe('Explain the difference between a mutex and a semaphore in…')
  })
  it('falls back to New chat for blank text', () => {
    expect(titleFromMessage('   \n  ')).toBe('New chat')
  })
})

describe('promptMessages', () => {
  it('puts the system prompt first and never sends notices or empty replies', () => {
    const history = [
      message('user', 'hi'),
      message('notice', 'Could not prepare llama3 with a 16K context'),
      message('assistant', 'hello', 'cancelled'),
      message('user', 'again'),
      message('assistant', '', 'error'),
    ]
    expect(promptMessages('Be brief.', history)).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
      { role: 'user', content: 'again' },
    ])
  })
  it('omits a blank system prompt', () => {
    expect(promptMessages('   ', [message('user', 'x')])).toEqual([{ role: 'user', content: 'x' }])
  })
})
