// Stop while a temporary model is being created: the create still ends on Ollama's side (with `stream: false`,
// `server/routes.go` `waitForStream` reads the create to its end whatever the client does), so the model it makes
// must be removed afterwards, unless another conversation needs it. Real core, real sockets, the simulator; the
// simulator's `latency` fault makes the create slow and, like Ollama, finishes it after the client has gone.
import { afterEach, describe, expect, it } from 'vitest'
import { startCoreHarness, unwrap, type CoreHarness } from '../../test-support/core-harness'
import { recordFault } from '../../test-support/reliability-checks'

const TEMP = 'ollmchat-temp/llama3-oc4096'
/** As `/api/tags` lists it. */
const TEMP_LISTED = `${TEMP}:latest`

describe('Stop during model preparation', () => {
  let h: CoreHarness
  afterEach(() => h.close())

  // Every test starts here, so each declares its case of the row before anything can fail.
  const setup = async () => {
    recordFault('stopped-preparation')
    h = await startCoreHarness({ sim: { models: [{ name: 'llama3', contextLength: 8192 }] } })
    h.sim.setReply('ok')
    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'llama3:latest', numCtx: 4096 }))
    const baseDigest = h.sim.getModel('llama3')?.digest
    const newConversation = async () =>
      unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    return { baseDigest, newConversation }
  }
  const creates = () => h.sim.requestsTo('/api/create', 'POST').length
  const tags = async () => {
    const listing = (await (await fetch(`${h.sim.url}/api/tags`)).json()) as {
      models: { name: string; digest: string }[]
    }
    return listing.models
  }
  const logged = (message: string) => h.log.lines.some((line) => line.message === message)

  it('removes the temporary model the stopped reply was creating, and leaves the base alone', async () => {
    const { baseDigest, newConversation } = await setup()
    const conversation = await newConversation()
    h.sim.faults.latency(200)
    const pending = h.core.dispatch('chat:send', { requestId: 'stopped', conversationId: conversation.id, text: 'hi' })
    await h.waitFor(() => creates() === 1)
    expect(unwrap(await h.core.dispatch('chat:cancel', { conversationId: conversation.id }))).toEqual({
      cancelled: true,
    })
    expect(unwrap(await pending).assistantMessage.status).toBe('cancelled')

    await h.waitFor(() => logged('removed the temporary model a stopped reply was preparing'))
    h.sim.faults.latency(0)
    const models = await tags()
    expect(models.map((model) => model.name)).toEqual(['llama3:latest'])
    expect(models[0]?.digest).toBe(baseDigest)
    expect(h.sim.requestsTo('/api/delete', 'DELETE').map((request) => JSON.stringify(request.body))).toEqual([
      expect.stringContaining(`"${TEMP}"`),
    ])
  })

  it('keeps it when a second conversation waits for the same preparation', async () => {
    const { newConversation } = await setup()
    const [first, second] = [await newConversation(), await newConversation()]
    h.sim.faults.latency(200)
    const stopped = h.core.dispatch('chat:send', { requestId: 'stopped', conversationId: first.id, text: 'hi' })
    const waiting = h.core.dispatch('chat:send', { requestId: 'waiting', conversationId: second.id, text: 'hi too' })
    await h.waitFor(() => creates() === 1)
    unwrap(await h.core.dispatch('chat:cancel', { conversationId: first.id }))
    expect(unwrap(await stopped).assistantMessage.status).toBe('cancelled')
    expect(unwrap(await waiting).assistantMessage).toMatchObject({ status: 'complete', servedBy: TEMP })

    expect((await tags()).map((model) => model.name)).toContain(TEMP_LISTED)
    expect(creates()).toBe(1)
    expect(h.sim.requestsTo('/api/delete', 'DELETE')).toEqual([])
  })

  it('keeps it when a second conversation starts preparing it again while the stopped create still runs', async () => {
    const { newConversation } = await setup()
    const [first, second] = [await newConversation(), await newConversation()]
    h.sim.faults.latency(200)
    const stopped = h.core.dispatch('chat:send', { requestId: 'stopped', conversationId: first.id, text: 'hi' })
    await h.waitFor(() => creates() === 1)
    unwrap(await h.core.dispatch('chat:cancel', { conversationId: first.id }))
    expect(unwrap(await stopped).assistantMessage.status).toBe('cancelled')
    const next = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'next', conversationId: second.id, text: 'hi too' }),
    )
    expect(next.assistantMessage).toMatchObject({ status: 'complete', servedBy: TEMP })

    await h.waitFor(() => logged('kept the temporary model a stopped reply was preparing: something else needs it'))
    expect((await tags()).map((model) => model.name)).toContain(TEMP_LISTED)
    expect(h.sim.requestsTo('/api/delete', 'DELETE')).toEqual([])
  })
})
