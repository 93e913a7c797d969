import { cleanup, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { fail, ok, type AppError, type Result } from '../../src-shared/ipc/result'
import { makeConversation, makeMessage, makeModel } from '../test-support/fixtures'
import { renderOpenChat } from '../test-support/open-chat'

afterEach(cleanup)

/** A conversation whose last reply failed with `error`. */
function withFailedReply(error: AppError) {
  return renderOpenChat({
    messages: [
      makeMessage({ id: 'u1', conversationId: 'c1', role: 'user', content: 'A very long paste' }),
      makeMessage({ id: 'a1', conversationId: 'c1', role: 'assistant', status: 'error', error }),
    ],
  })
}

describe('a failure with a one-click fix', () => {
  const tooLong: AppError = {
    code: 'PROMPT_TOO_LONG',
    message: 'Your message needs about 9,500 tokens, but llama3 runs with 8K.',
    action: { kind: 'set-num-ctx', model: 'llama3:latest', numCtx: 16384, label: 'Use 16K for llama3' },
  }

  it('shows main’s sentence with its numbers and a button that sets the context, then says it worked', async () => {
    const app = await withFailedReply(tooLong)
    app.fake.handle('models:setNumCtx', ({ model, numCtx }) =>
      ok({ model: makeModel({ name: model, customNumCtx: numCtx }) }),
    )
    const alert = screen.getByRole('alert')
    expect(within(alert).getByText('Your message needs about 9,500 tokens, but llama3 runs with 8K.')).toBeTruthy()
    await app.user.click(within(alert).getByRole('button', { name: 'Use 16K for llama3' }))
    expect(app.fake.callsTo('models:setNumCtx')).toEqual([{ model: 'llama3:latest', numCtx: 16384 }])
    expect(await within(alert).findByText('Done: llama3 uses 16K from your next message.')).toBeTruthy()
    expect(within(alert).queryByRole('button', { name: 'Use 16K for llama3' })).toBeNull()
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy()
  })

  it('keeps the button and says why when the setting was refused', async () => {
    const app = await withFailedReply(tooLong)
    app.fake.handle('models:setNumCtx', () =>
      fail('INVALID_NUM_CTX', 'The context length can be at most 8,192 tokens.'),
    )
    const alert = screen.getByRole('alert')
    await app.user.click(within(alert).getByRole('button', { name: 'Use 16K for llama3' }))
    expect(await within(alert).findByText('The context length can be at most 8,192 tokens.')).toBeTruthy()
    expect(within(alert).getByRole('button', { name: 'Use 16K for llama3' })).toBeTruthy()
  })

  it('opens ollama.com’s sign-in page in the browser', async () => {
    await withFailedReply({
      code: 'SIGN_IN_REQUIRED',
      message: 'gpt-oss:120b-cloud runs on ollama.com: sign in to use it.',
      action: { kind: 'open-link', url: 'https://ollama.com/connect?name=host', label: 'Sign in to ollama.com' },
    })
    const link = within(screen.getByRole('alert')).getByRole('link', { name: 'Sign in to ollama.com' })
    expect(link.getAttribute('href')).toBe('https://ollama.com/connect?name=host')
    expect(link.getAttribute('target')).toBe('_blank')
    expect(link.getAttribute('rel')).toBe('noreferrer noopener')
  })

  it.each(['http://ollama.com/connect', 'https://ollama.com.example.net/connect', 'file:///etc/passwd'])(
    'offers no link to %s',
    async (url) => {
      await withFailedReply({
        code: 'SIGN_IN_REQUIRED',
        message: 'Sign in to use this cloud model.',
        action: { kind: 'open-link', url, label: 'Open the sign-in page' },
      })
      const alert = screen.getByRole('alert')
      expect(within(alert).queryByRole('link')).toBeNull()
      expect(within(alert).queryByText('Open the sign-in page')).toBeNull()
      expect(alert.innerHTML).not.toContain(url)
    },
  )
})

it('never shows a raw JSON body as the error', async () => {
  await withFailedReply({
    code: 'OUT_OF_MEMORY',
    message: '{"error":"model requires more system memory (9.1 GiB) than is available"}',
  })
  const alert = screen.getByRole('alert')
  expect(alert.textContent).toContain('Ollama could not load the model at this context: there is not enough memory.')
  expect(alert.textContent).not.toContain('{"error"')
})

it('never shows a raw JSON body as the detail line either', async () => {
  const body = '{"error":"llama runner process has terminated: exit status 2"}'
  await withFailedReply({ code: 'OLLAMA_ERROR', message: 'Ollama answered with an error.', detail: body })
  const alert = screen.getByRole('alert')
  expect(alert.textContent).toContain('Ollama answered with an error.')
  expect(alert.textContent).not.toContain('{"error"')
  expect(alert.querySelector('.error-notice__detail')).toBeNull()
})

it('offers the fix of the failure it now shows, not "Done" from the one it showed before', async () => {
  const trip = makeConversation({ id: 'c1', title: 'Trip', model: 'llama3:latest' })
  const notes = makeConversation({ id: 'c2', title: 'Notes', model: 'llama3:latest' })
  const app = await renderOpenChat({ conversation: trip, others: [notes] })
  app.fake.handle('models:setNumCtx', ({ model, numCtx }) =>
    ok({ model: makeModel({ name: model, customNumCtx: numCtx }) }),
  )
  /** Sends in the open conversation; main refuses it as too long and offers `label`. Returns that button. */
  const sendFailing = async (numCtx: number, label: string) => {
    const action = { kind: 'set-num-ctx' as const, model: 'llama3:latest', numCtx, label }
    app.fake.handle('chat:send', (): Result<never> => ({
      ok: false,
      error: { code: 'PROMPT_TOO_LONG', message: 'Your message is too long for llama3.', action },
    }))
    await app.user.type(screen.getByRole('textbox', { name: 'Message' }), 'A very long paste{Enter}')
    return within(await screen.findByRole('alert')).findByRole('button', { name: label })
  }
  const open = async (title: string) => {
    const nav = screen.getByRole('navigation', { name: 'Conversations' })
    await app.user.click(within(nav).getByRole('button', { name: title }))
  }

  await sendFailing(32768, 'Use 32K for llama3')
  await open('Notes')
  await app.user.click(await sendFailing(16384, 'Use 16K for llama3'))
  expect(await screen.findByText('Done: llama3 uses 16K from your next message.')).toBeTruthy()

  await open('Trip')
  const alert = await screen.findByRole('alert')
  expect(within(alert).getByRole('button', { name: 'Use 32K for llama3' })).toBeTruthy()
  expect(within(alert).queryByText(/^Done:/)).toBeNull()
})

it('shows main’s sentence when a send is refused because the model cannot chat', async () => {
  const app = await renderOpenChat()
  app.fake.handle('chat:send', () => fail('CANNOT_CHAT', 'nomic-embed-text only makes embeddings: it cannot chat.'))
  await app.user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello{Enter}')
  await waitFor(() =>
    expect(screen.getByRole('alert').textContent).toContain('nomic-embed-text only makes embeddings: it cannot chat.'),
  )
})
