import { cleanup, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ok } from '../../../src-shared/ipc/result'
import { DEFAULT_SETTINGS, type ConversationSummary } from '../../../src-shared/types'
import { createFakeBridge } from '../../test-support/fake-bridge'
import { makeConversation, makeModel } from '../../test-support/fixtures'
import { renderApp } from '../../test-support/render-app'

afterEach(cleanup)

const elsewhere = makeConversation({ id: 'c1', title: 'Trip', lastHost: 'http://192.168.1.20:11434' })
const here = makeConversation({ id: 'c2', title: 'Notes', lastHost: 'http://127.0.0.1:11434/' })
const noReply = makeConversation({ id: 'c3', title: 'Draft', lastHost: null })

async function openChat(conversation: ConversationSummary, hosts = DEFAULT_SETTINGS.hosts) {
  const fake = createFakeBridge()
  const all = [elsewhere, here, noReply]
  fake.handle('models:list', () =>
    ok({ models: [makeModel({ name: 'llama3:latest' })], defaultModel: 'llama3:latest' }),
  )
  fake.handle('settings:get', () => ok({ ...DEFAULT_SETTINGS, hosts, lastConversationId: conversation.id }))
  fake.handle('conversations:list', () => ok({ conversations: all }))
  fake.handle('conversations:get', () => ok({ conversation, messages: [] }))
  return renderApp(fake)
}

const header = () => within(screen.getByRole('banner'))
const listButton = (title: string) =>
  within(screen.getByRole('navigation', { name: 'Conversations' })).getByRole('button', { name: title })

describe('the host a conversation last used', () => {
  it('is named under the title and in the list when it is not the host in use', async () => {
    await openChat(elsewhere)
    expect(header().getByRole('heading', { level: 1 }).textContent).toBe('Trip')
    expect(header().getByText('Last used on 192.168.1.20:11434')).toBeTruthy()
    expect(listButton('Trip').getAttribute('aria-describedby')).toBeTruthy()
    const hint = document.getElementById(listButton('Trip').getAttribute('aria-describedby') ?? '')
    expect(hint?.textContent).toBe('Last used on 192.168.1.20:11434')
    // The same host (however spelled) or no reply yet: nothing to say.
    expect(listButton('Notes').getAttribute('aria-describedby')).toBeNull()
    expect(listButton('Draft').getAttribute('aria-describedby')).toBeNull()
  })

  it('uses the name the person gave that host', async () => {
    await openChat(elsewhere, [{ id: 'h1', url: 'http://192.168.1.20:11434', name: 'Work GPU', headerNames: [] }])
    expect(header().getByText('Last used on Work GPU')).toBeTruthy()
  })

  it('says nothing when the conversation’s host is the one in use', async () => {
    await openChat(here)
    expect(header().queryByText(/Last used on/)).toBeNull()
  })
})
