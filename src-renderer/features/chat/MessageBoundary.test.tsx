import { cleanup, screen } from '@testing-library/react'
import { afterEach, expect, it, vi } from 'vitest'
import { makeConversation, makeMessage } from '../../test-support/fixtures'
import { renderOpenChat } from '../../test-support/open-chat'

// A Markdown renderer that fails on one text, as the real one did on a list nested 1,000 deep.
vi.mock(import('../../lib/markdown/Markdown'), async (importOriginal) => {
  const original = await importOriginal()
  const { memo } = await import('react')
  return {
    ...original,
    Markdown: memo(function Markdown({ text }: { text: string }) {
      if (text.includes('POISON')) throw new RangeError('Maximum call stack size exceeded')
      return <p>{text}</p>
    }),
  }
})

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

it('shows a message that fails to render as its raw text and leaves the others and the composer working', async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
  const conversation = makeConversation({ id: 'c1' })
  const messages = [
    makeMessage({ id: 'm0', conversationId: 'c1', role: 'user', content: 'First question' }),
    makeMessage({ id: 'm1', conversationId: 'c1', role: 'assistant', content: 'A fine answer' }),
    makeMessage({ id: 'm2', conversationId: 'c1', role: 'user', content: 'Second question' }),
    makeMessage({ id: 'm3', conversationId: 'c1', role: 'assistant', content: '- POISON reply\n  - nested' }),
  ]
  await renderOpenChat({ conversation, messages })

  expect(screen.getByText('This reply could not be displayed as formatted text.')).toBeTruthy()
  const raw = document.querySelector('[data-message-id="m3"] pre.msg__raw')
  expect(raw?.textContent).toBe('- POISON reply\n  - nested')
  expect(screen.getByText('A fine answer')).toBeTruthy()
  expect(screen.getByText('Second question')).toBeTruthy()
  expect(screen.getAllByRole('button', { name: 'Copy reply' })).toHaveLength(2)
  expect(screen.getByRole('textbox', { name: 'Message' }).hasAttribute('disabled')).toBe(false)
})
