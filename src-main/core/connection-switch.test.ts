// The host switch: a replaced client stays open for the calls still running on it, then closes; closeAll at stop.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startOllamaSim, type OllamaSim } from '../../tools/ollama-sim/index'
import { createConnectionSwitch } from './connection-switch'
import { silentLogger } from './log'
import { OllamaClient } from './ollama/client'
import { OllamaUnreachableError } from './ollama/errors'

const sims: OllamaSim[] = []
const clients: OllamaClient[] = []
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close({ graceMs: 0 })))
  await Promise.all(sims.splice(0).map((sim) => sim.close()))
})

async function connectionTo(options: Parameters<typeof startOllamaSim>[0] = {}) {
  const sim = await startOllamaSim({ models: ['llama3'], ...options })
  sims.push(sim)
  const client = new OllamaClient({ host: sim.url })
  clients.push(client)
  const connection = { host: client.host, client, dispose: vi.fn() }
  return { sim, connection, close: vi.spyOn(client, 'close') }
}

/** Lets the switch's `whenIdle().then(close)` run. */
const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('createConnectionSwitch', () => {
  it('lets a reply streaming on the replaced connection finish there, then closes that client', async () => {
    const first = await connectionTo({ reply: 'one two three four five six seven eight', tokenDelayMs: 5 })
    const second = await connectionTo()
    const hosts = createConnectionSwitch(first.connection, silentLogger)
    const stream = first.connection.client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] })
    const opening = await stream.next()
    let text = opening.done === true ? '' : opening.value.content

    hosts.replace(second.connection)
    expect(hosts.current()).toBe(second.connection)
    expect(first.connection.dispose).toHaveBeenCalledOnce()
    await settle()
    expect(first.close).not.toHaveBeenCalled()

    for await (const chunk of stream) text += chunk.content
    expect(text).toBe('one two three four five six seven eight')
    await settle()
    expect(first.close).toHaveBeenCalledOnce()
    // Closed for good: a new call on it is refused.
    await expect(first.connection.client.version()).rejects.toThrow(OllamaUnreachableError)
    expect(second.close).not.toHaveBeenCalled()
  })

  it('closes a replaced client at once when nothing is in flight on it', async () => {
    const first = await connectionTo()
    const second = await connectionTo()
    const hosts = createConnectionSwitch(first.connection, silentLogger)
    await first.connection.client.version()
    hosts.replace(second.connection)
    await settle()
    expect(first.close).toHaveBeenCalledOnce()
  })

  it('keeps a replaced client open between two calls of work that holds it', async () => {
    const first = await connectionTo()
    const second = await connectionTo()
    const hosts = createConnectionSwitch(first.connection, silentLogger)
    const release = first.connection.client.hold()
    hosts.replace(second.connection)
    await first.connection.client.version()
    await settle()
    expect(first.close).not.toHaveBeenCalled()
    expect(await first.connection.client.version()).toBe('0.32.15')
    release()
    await settle()
    expect(first.close).toHaveBeenCalledOnce()
  })

  it('closes the current and every replaced client still busy at closeAll, giving a stalled call the grace period', async () => {
    const first = await connectionTo()
    const second = await connectionTo()
    const hosts = createConnectionSwitch(first.connection, silentLogger)
    first.sim.faults.stallNext('/api/chat')
    const stalled = first.connection.client
      .chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] })
      .next()
    await vi.waitFor(() => expect(first.sim.requestsTo('/api/chat', 'POST')).toHaveLength(1))
    hosts.replace(second.connection)

    await hosts.closeAll(50)
    await expect(stalled).rejects.toThrow()
    expect(first.close).toHaveBeenCalledWith({ graceMs: 50 })
    expect(second.close).toHaveBeenCalledWith({ graceMs: 50 })
    expect(second.connection.dispose).toHaveBeenCalled()
  })

  it('bounds closeAll by the grace period when a call reached a replaced client just before the switch closed it', async () => {
    const first = await connectionTo()
    const second = await connectionTo()
    const hosts = createConnectionSwitch(first.connection, silentLogger)
    first.sim.faults.stallNext('/api/chat')
    hosts.replace(second.connection)
    // Idle when replaced, so the switch's close (without grace) comes next; this call begins in between.
    const stalled = first.connection.client
      .chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] })
      .next()
    await settle()
    expect(first.close).toHaveBeenCalledWith()
    await vi.waitFor(() => expect(first.sim.requestsTo('/api/chat', 'POST')).toHaveLength(1))

    // Without the bound this waits on the stalled call for ever (the test times out).
    await hosts.closeAll(50)
    await expect(stalled).rejects.toThrow()
  })
})
