import { cleanup, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../../src-shared/types'
import { makeContext, makeMessage, makeModel } from '../../test-support/fixtures'
import { renderOpenChat } from '../../test-support/open-chat'

afterEach(cleanup)

const c = 'c1'
const user = (id: string, content = `Question ${id}`) => makeMessage({ id, conversationId: c, role: 'user', content })
const reply = (id: string, overrides: Partial<ChatMessage> = {}) =>
  makeMessage({ id, conversationId: c, role: 'assistant', content: `Answer ${id}`, ...overrides })

function replyItem(text: string): HTMLElement {
  return screen.getByText(text).closest('li')!
}

describe('the reply meta', () => {
  it('shows the context the reply really had, whose setting it was, and its tokens', async () => {
    await renderOpenChat({
      messages: [user('u1'), reply('a1', { context: makeContext({ source: 'ollama-default', effective: 8192 }) })],
    })
    const item = replyItem('Answer a1')
    const context = within(item).getByText('8K context')
    expect(context.closest('[title]')?.getAttribute('title')).toBe('chosen by Ollama')
    expect(context.parentElement?.textContent).toBe('8K context (chosen by Ollama)')
    expect(within(item).getByText('2,104 + 312 tokens')).toBeTruthy()
  })

  it('says when Ollama ran with less than was asked', async () => {
    const context = makeContext({ source: 'custom', asked: 16384, effective: 8192 })
    await renderOpenChat({ messages: [user('u1'), reply('a1', { context, numCtx: 16384 })] })
    const part = within(replyItem('Answer a1')).getByText('asked 16K, ran with 8K')
    expect(part.parentElement?.textContent).toBe('asked 16K, ran with 8K (your setting)')
    expect(screen.queryByText('16K context')).toBeNull()
  })

  it('keeps the old meta for replies saved before the context was recorded', async () => {
    await renderOpenChat({ messages: [user('u1'), reply('a1', { numCtx: 16384 })] })
    expect(within(replyItem('Answer a1')).getByText(/16K context/)).toBeTruthy()
    expect(screen.queryByText(/tokens$/)).toBeNull()
  })

  it('tags, in view, a reply that missed earlier messages and one cut off at the length limit', async () => {
    await renderOpenChat({
      messages: [
        user('u1'),
        reply('a1', { context: makeContext({ truncated: true, droppedMessages: 3 }) }),
        user('u2'),
        reply('a2', { context: makeContext({ truncated: true, messageCut: true, lengthLimited: true }) }),
      ],
    })
    const first = within(within(replyItem('Answer a1')).getByRole('list', { name: 'Limits of this reply' }))
    expect(first.getAllByRole('listitem').map((tag) => tag.textContent)).toEqual(['didn’t see the first 3 messages'])
    const second = within(within(replyItem('Answer a2')).getByRole('list', { name: 'Limits of this reply' }))
    expect(second.getAllByRole('listitem').map((tag) => tag.textContent)).toEqual([
      'only saw the end of your message',
      'cut off at the length limit',
    ])
  })

  it('adds no tags to a reply that saw everything and finished', async () => {
    await renderOpenChat({ messages: [user('u1'), reply('a1', { context: makeContext() })] })
    expect(screen.queryByRole('list', { name: 'Limits of this reply' })).toBeNull()
  })
})

describe('the context meter', () => {
  it('shows the tokens used of the effective context of the latest reply', async () => {
    await renderOpenChat({
      messages: [
        user('u1'),
        reply('a1', { context: makeContext({ effective: 4096, promptTokens: 100, replyTokens: 20 }) }),
        user('u2'),
        reply('a2', { context: makeContext({ effective: 8192, promptTokens: 2104, replyTokens: 312 }) }),
        user('u3'),
        reply('a3', { context: null, status: 'error', content: '' }),
      ],
    })
    const meter = screen.getByRole('meter', { name: 'Context used' })
    expect(meter.getAttribute('aria-valuenow')).toBe('2416')
    expect(meter.getAttribute('aria-valuemin')).toBe('0')
    expect(meter.getAttribute('aria-valuemax')).toBe('8192')
    expect(meter.getAttribute('aria-valuetext')).toBe('2.4K of 8K tokens (29 %)')
    expect(screen.getByText('2.4K of 8K tokens')).toBeTruthy()
    expect(screen.queryByText(/% full/)).toBeNull()
  })

  it('warns in words from 80 % on, and says when the model no longer sees the start', async () => {
    const context = makeContext({
      effective: 8192,
      promptTokens: 6800,
      replyTokens: 250,
      truncated: true,
      droppedMessages: 2,
    })
    await renderOpenChat({ messages: [user('u1'), reply('a1'), user('u2'), reply('a2', { context })] })
    expect(screen.getByText('context 86 % full')).toBeTruthy()
    expect(screen.getByText('llama3 no longer sees the start of this conversation')).toBeTruthy()
  })

  it('shows only the tokens used when the effective context is unknown', async () => {
    await renderOpenChat({ messages: [user('u1'), reply('a1', { context: makeContext({ effective: null }) })] })
    expect(screen.queryByRole('meter')).toBeNull()
    expect(screen.getByText('2.4K tokens used')).toBeTruthy()
  })

  it('says how much of the conversation’s model runs on the CPU', async () => {
    const llama = makeModel({
      name: 'llama3:latest',
      runningMemory: { sizeBytes: 10_000_000_000, vramBytes: 7_000_000_000, unloadsAt: null },
    })
    await renderOpenChat({ models: [llama], messages: [user('u1'), reply('a1')] })
    expect(screen.getByText('30 % of llama3 runs on the CPU at this context (slower)')).toBeTruthy()
  })

  it('is not there for an empty conversation', async () => {
    const llama = makeModel({
      name: 'llama3:latest',
      runningMemory: { sizeBytes: 10_000_000_000, vramBytes: 7_000_000_000, unloadsAt: null },
    })
    await renderOpenChat({ models: [llama] })
    expect(screen.queryByRole('meter')).toBeNull()
    expect(screen.queryByText(/runs on the CPU/)).toBeNull()
  })
})

it('draws a line before the first message the model still sees', async () => {
  await renderOpenChat({
    messages: [
      user('u1', 'Oldest'),
      reply('a1'),
      user('u2', 'Still seen'),
      reply('a2', { context: makeContext({ truncated: true, droppedMessages: 2 }) }),
    ],
  })
  const list = screen.getByRole('region', { name: 'Messages' }).querySelector('ol')!
  const items = [...list.children].map((item) => item.textContent ?? '')
  const divider = items.indexOf('llama3 no longer sees the messages above')
  expect(divider).toBeGreaterThan(0)
  expect(items[divider - 1]).toContain('Answer a1')
  expect(items[divider + 1]).toContain('Still seen')
})

it('counts only what main sends to the model when it places that line: a reply without text is never sent', async () => {
  await renderOpenChat({
    messages: [
      user('u1', 'Oldest'),
      reply('a1', { status: 'error', content: '', error: { code: 'OLLAMA_UNREACHABLE', message: '' } }),
      user('u2', 'Asked again'),
      reply('a2'),
      user('u3', 'Still seen'),
      reply('a3', { context: makeContext({ truncated: true, droppedMessages: 3 }) }),
    ],
  })
  const list = screen.getByRole('region', { name: 'Messages' }).querySelector('ol')!
  const items = [...list.children].map((item) => item.textContent ?? '')
  const divider = items.indexOf('llama3 no longer sees the messages above')
  expect(items[divider - 1]).toContain('Answer a2')
  expect(items[divider + 1]).toContain('Still seen')
})
