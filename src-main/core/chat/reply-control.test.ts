// Replies as state of the core: any window (here, a second event subscriber that joins late, as a reloaded page does)
// learns what is running, stops it by its conversation, and hears when it ends; a host that never answers ends the
// reply with the idle error instead of holding the conversation. Real core, real sockets, the simulator.
import { afterEach, describe, expect, it } from 'vitest'
import type { EventMap, EventName } from '../../../src-shared/ipc/contract'
import { startCoreHarness, unwrap, type CoreHarness } from '../../test-support/core-harness'
import { recordFault } from '../../test-support/reliability-checks'

describe('replies controllable from anywhere', () => {
  let h: CoreHarness
  afterEach(() => h.close())

  const newConversation = async () => unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))

  /** A window that opens while the reply runs: it hears only what comes after it subscribed. */
  const secondWindow = () => {
    const seen: { name: EventName; payload: unknown }[] = []
    h.core.events.onAny((name, payload) => seen.push({ name, payload }))
    return {
      named: <E extends EventName>(name: E) =>
        seen.filter((event) => event.name === name).map((event) => event.payload as EventMap[E]),
    }
  }

  it('a window that did not start a reply sees it running, stops it by conversation and sees it end', async () => {
    h = await startCoreHarness({ sim: { tokenDelayMs: 20 } })
    h.sim.setReply(Array.from({ length: 200 }, (_, i) => `word${i}`).join(' '))
    const conversation = await newConversation()
    const pending = h.core.dispatch('chat:send', {
      requestId: 'first-window',
      conversationId: conversation.id,
      text: 'Talk a lot',
    })
    await h.waitFor(() => h.eventsNamed('chat:delta').length >= 2)

    const other = secondWindow()
    const { replies } = unwrap(await h.core.dispatch('chat:running', {}))
    const assistantId = h.eventsNamed('chat:started')[0]?.assistantMessage.id
    expect(replies).toEqual([
      {
        requestId: 'first-window',
        conversationId: conversation.id,
        assistantMessageId: assistantId,
        phase: 'streaming',
        progressText: 'llama3 is answering…',
      },
    ])
    await h.waitFor(() => other.named('chat:delta').length >= 1)

    expect(unwrap(await h.core.dispatch('chat:cancel', { conversationId: conversation.id }))).toEqual({
      cancelled: true,
    })
    const turn = unwrap(await pending)
    expect(turn.assistantMessage.status).toBe('cancelled')
    expect(turn.assistantMessage.content).toMatch(/^word0 word1/)
    const ended = other.named('chat:ended')
    expect(ended).toEqual([{ requestId: 'first-window', conversationId: conversation.id, turn }])

    expect(unwrap(await h.core.dispatch('chat:running', {})).replies).toEqual([])
    expect(unwrap(await h.core.dispatch('chat:cancel', { conversationId: conversation.id }))).toEqual({
      cancelled: false,
    })
    h.sim.setReply('Short.')
    const next = unwrap(
      await h.core.dispatch('chat:send', {
        requestId: 'second-window',
        conversationId: conversation.id,
        text: 'Again',
      }),
    )
    expect(next.assistantMessage).toMatchObject({ status: 'complete', content: 'Short.' })
  })

  it('refuses a cancel that names neither a request nor a conversation', async () => {
    h = await startCoreHarness()
    expect(await h.core.dispatch('chat:cancel', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await h.core.dispatch('chat:cancel', { requestId: 'a', conversationId: 'b' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })

  it('ends a reply the host accepted and never answered with the idle error, and the conversation goes on', async () => {
    recordFault('hung-reply')
    // One idle "minute" lasts 40 ms here; the setting allows three of them.
    h = await startCoreHarness({ timing: { idleMinuteMs: 40 } })
    unwrap(await h.core.dispatch('settings:update', { replyIdleMinutes: 3 }))
    const conversation = await newConversation()
    h.sim.faults.stallNext('/api/chat')
    const turn = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'hung', conversationId: conversation.id, text: 'Hello?' }),
    )

    expect(turn.assistantMessage).toMatchObject({ status: 'error', content: '' })
    expect(turn.assistantMessage.error).toMatchObject({ code: 'OLLAMA_SILENT' })
    expect(turn.assistantMessage.error?.message).toMatch(
      /^Ollama sent nothing for 3 minutes, so the reply was stopped\. /,
    )
    const lines = h
      .eventsNamed('chat:progress')
      .filter((event) => event.requestId === 'hung')
      .map((event) => event.text)
    expect(lines).toEqual([
      'Waiting for llama3…',
      'Still waiting for Ollama (1 min)…',
      'Still waiting for Ollama (2 min)…',
    ])
    expect(h.eventsNamed('chat:ended').map((event) => event.turn?.assistantMessage.status)).toEqual(['error'])

    h.sim.setReply('Here now.')
    const next = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'after', conversationId: conversation.id, text: 'Hello again' }),
    )
    expect(next.assistantMessage).toMatchObject({ status: 'complete', content: 'Here now.' })
  })

  it('says "Still waiting" when a reply stalls after its first token, and that it is answering again when it goes on', async () => {
    recordFault('hung-reply')
    // Tokens 150 ms apart and idle "minutes" of 60 ms: each gap is two minutes of silence, never the five that end it.
    h = await startCoreHarness({ timing: { idleMinuteMs: 60 }, sim: { tokenDelayMs: 150 } })
    const conversation = await newConversation()
    h.sim.setReply('one two three')
    const turn = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'slow', conversationId: conversation.id, text: 'Go' }),
    )
    expect(turn.assistantMessage.status).toBe('complete')
    const events = h.eventsNamed('chat:progress').filter((event) => event.requestId === 'slow')
    const stalled = events.findIndex(
      (event) =>
        event.text.startsWith('Still waiting') &&
        events.slice(0, events.indexOf(event)).some((e) => e.phase === 'streaming'),
    )
    expect(stalled, 'a stall after the first token is said').toBeGreaterThan(0)
    expect(
      events.slice(stalled).some((event) => event.phase === 'streaming'),
      'and the answering line comes back',
    ).toBe(true)
    expect(events.at(-1)?.phase).toBe('streaming')
  })

  it('keeps the default of five minutes and refuses a time outside one to sixty', async () => {
    h = await startCoreHarness()
    expect(unwrap(await h.core.dispatch('settings:get', {})).replyIdleMinutes).toBe(5)
    for (const minutes of [0, 61, 2.5]) {
      expect(await h.core.dispatch('settings:update', { replyIdleMinutes: minutes })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    }
    expect(unwrap(await h.core.dispatch('settings:update', { replyIdleMinutes: 60 })).replyIdleMinutes).toBe(60)
  })
})
