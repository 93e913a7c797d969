import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, expect, it } from 'vitest'
import type { InflightTurn } from '../../store/chat-slice'
import { makeMessage } from '../../test-support/fixtures'
import { ReplyStatus } from './ReplyStatus'

afterEach(cleanup)

const turn = (phase: InflightTurn['phase'], progressText: string | null): InflightTurn => ({
  requestId: 'r',
  conversationId: 'c1',
  kind: 'send',
  pendingText: null,
  assistantMessageId: 'a1',
  phase,
  progressText,
  cancelRequested: false,
  own: true,
})

it('says a reply that stalled after its first words is still waiting, and says nothing while it streams', () => {
  const streaming = makeMessage({
    id: 'a1',
    conversationId: 'c1',
    role: 'assistant',
    status: 'streaming',
    content: 'First words',
  })
  const { rerender } = render(
    <ReplyStatus
      message={streaming}
      turn={turn('waiting-for-model', 'Still waiting for Ollama (2 min)…')}
      onRetry={undefined}
    />,
  )
  expect(screen.getByText('Still waiting for Ollama (2 min)…')).toBeTruthy()
  rerender(<ReplyStatus message={streaming} turn={turn('streaming', null)} onRetry={undefined} />)
  expect(screen.queryByText(/Still waiting/)).toBeNull()
})
