// OllamaClient's calls that never finish normally: Ollama out of reach, a call's own timeout and undici's header
// timeout, cancellation at every stage, and closing with calls in flight.
import { describe, expect, it } from 'vitest'
import { startOllamaSim } from '../../../tools/ollama-sim/index'
import { OllamaClient, type ChatChunk } from './client'
import { CancelledError, OllamaUnreachableError } from './errors'
import { AGENT_OPTIONS, agentFetch, createOllamaAgent } from './http'
import { useClientSim } from './test-fixtures/client-sim'
import { collect } from './test-fixtures/collect-chat'
import { recordFault } from '../../test-support/reliability-checks'

const env = useClientSim()

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
  expect(condition()).toBe(true)
}

describe('OllamaClient when Ollama cannot be reached', () => {
  it('reports OllamaUnreachableError with the host while the simulator is down, and recovers after up()', async () => {
    recordFault('unreachable', 2)
    await env.sim.faults.down()
    const error = await env.client.version().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OllamaUnreachableError)
    expect(error).toMatchObject({ code: 'OLLAMA_UNREACHABLE', host: env.sim.url, reason: 'ECONNREFUSED' })
    const chat = await collect(env.client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }))
    expect(chat.error).toBeInstanceOf(OllamaUnreachableError)
    await env.sim.faults.up()
    expect(await env.client.version()).toBe('0.32.15')
  })

  it('reports a closed port and a port fetch refuses to use as unreachable', async () => {
    recordFault('unreachable', 2)
    const other = await startOllamaSim()
    const closedUrl = other.url
    await other.close()
    const closed = new OllamaClient({ host: closedUrl })
    await expect(closed.listAll()).rejects.toBeInstanceOf(OllamaUnreachableError)
    await closed.close()
    const blocked = new OllamaClient({ host: 'http://127.0.0.1:9' })
    await expect(blocked.version()).rejects.toMatchObject({
      code: 'OLLAMA_UNREACHABLE',
      reason: expect.stringMatching(/bad port/) as unknown,
    })
    await blocked.close()
  })

  it('reads a caller’s own timeout signal as unreachable, not as a cancel', async () => {
    recordFault('stall')
    env.sim.faults.stallNext('/api/version')
    const error = await env.client.version({ signal: AbortSignal.timeout(50) }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OllamaUnreachableError)
    expect(error).toMatchObject({ reason: 'no answer in time' })
  })

  it('times out short calls after requestTimeoutMs as unreachable', async () => {
    recordFault('stall')
    const quick = new OllamaClient({ host: env.sim.url, requestTimeoutMs: 100 })
    env.sim.faults.stallNext('/api/tags')
    const error = await quick.listAll().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OllamaUnreachableError)
    expect((error as OllamaUnreachableError).reason).toMatch(/no answer within/)
    await quick.close()
  })
})

describe('OllamaClient cancellation', () => {
  it('cancels a chat before any header arrived (model still loading)', async () => {
    recordFault('stall')
    env.sim.faults.stallNext('/api/chat')
    const controller = new AbortController()
    const pending = collect(
      env.client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }, { signal: controller.signal }),
    )
    await until(() => env.sim.requestsTo('/api/chat').length === 1)
    controller.abort()
    const { chunks, error } = await pending
    expect(chunks).toEqual([])
    expect(error).toBeInstanceOf(CancelledError)
    expect(error).toMatchObject({ code: 'CANCELLED' })
  })

  it('cancels a chat mid-stream, keeping what arrived', async () => {
    const slow = await startOllamaSim({
      models: ['llama3'],
      tokenDelayMs: 20,
      reply: 'a b c d e f g h i j k l m n o p',
    })
    const slowClient = new OllamaClient({ host: slow.url })
    const controller = new AbortController()
    const chunks: ChatChunk[] = []
    let error: unknown
    try {
      for await (const chunk of slowClient.chat(
        { model: 'llama3', messages: [{ role: 'user', content: 'hi' }] },
        { signal: controller.signal },
      )) {
        chunks.push(chunk)
        if (chunks.length === 2) controller.abort()
      }
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(CancelledError)
    expect(chunks).toHaveLength(2)
    await slowClient.close()
    await slow.close()
  })

  it('refuses to start when the signal is already aborted, without any request', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(env.client.listAll({ signal: controller.signal })).rejects.toBeInstanceOf(CancelledError)
    const { error } = await collect(env.client.chat({ model: 'llama3', messages: [] }, { signal: controller.signal }))
    expect(error).toBeInstanceOf(CancelledError)
    expect(env.sim.requests).toEqual([])
  })

  it('cancels a stalled short call and a stalled create', async () => {
    recordFault('stall', 2)
    env.sim.faults.stallNext('/api/show')
    const controller = new AbortController()
    const show = env.client.show('llama3', { signal: controller.signal }).catch((e: unknown) => e)
    await until(() => env.sim.requestsTo('/api/show').length === 1)
    controller.abort()
    expect(await show).toBeInstanceOf(CancelledError)
    env.sim.faults.stallNext('/api/create')
    const second = new AbortController()
    const create = env.client
      .create({ model: 'ollmchat-temp/a-oc4096', from: 'llama3:latest', parameters: {} }, { signal: second.signal })
      .catch((e: unknown) => e)
    await until(() => env.sim.requestsTo('/api/create').length === 1)
    second.abort()
    expect(await create).toBeInstanceOf(CancelledError)
  })
})

describe('header timeouts', () => {
  it('gives ollama-js an agent without undici’s 300 s header and body timeouts', () => {
    expect(AGENT_OPTIONS).toEqual({ headersTimeout: 0, bodyTimeout: 0 })
  })

  it('would fail a slow load with a header timeout, which the default client does not have', async () => {
    recordFault('stall', 2)
    const shortAgent = createOllamaAgent({ headersTimeout: 100 })
    const impatient = new OllamaClient({ host: env.sim.url, fetch: agentFetch(shortAgent) })
    env.sim.faults.stallNext('/api/chat')
    env.sim.faults.stallNext('/api/chat')
    const controller = new AbortController()
    let patientSettled = false
    const patient = collect(
      env.client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }, { signal: controller.signal }),
    ).finally(() => {
      patientSettled = true
    })
    const { error } = await collect(impatient.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }))
    expect(error).toBeInstanceOf(OllamaUnreachableError)
    expect(error).toMatchObject({ reason: 'UND_ERR_HEADERS_TIMEOUT' })
    expect(patientSettled).toBe(false)
    controller.abort()
    expect((await patient).error).toBeInstanceOf(CancelledError)
    await shortAgent.close()
  })
})

describe('closing', () => {
  it('waits for calls in flight without a grace period', async () => {
    const patient = new OllamaClient({ host: env.sim.url })
    env.sim.faults.latency(50)
    const listing = patient.listAll()
    await until(() => env.sim.requestsTo('/api/tags').length === 1)
    await patient.close()
    expect((await listing).map((m) => m.name)).toContain('llama3:latest')
  })

  it('gives stalled calls the grace period, then destroys the connections so closing cannot hang', async () => {
    recordFault('stall', 2)
    const stalled = new OllamaClient({ host: env.sim.url, requestTimeoutMs: 0 })
    env.sim.faults.stallNext('/api/tags')
    env.sim.faults.stallNext('/api/chat')
    const listing = stalled.listAll().catch((e: unknown) => e)
    const reply = collect(stalled.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }))
    await until(() => env.sim.requestsTo('/api/tags').length === 1 && env.sim.requestsTo('/api/chat').length === 1)
    await stalled.close({ graceMs: 20 })
    expect(await listing).toBeInstanceOf(OllamaUnreachableError)
    expect((await reply).error).toBeInstanceOf(OllamaUnreachableError)
    // A second close is the same close, and a call after it fails instead of hanging.
    await stalled.close({ graceMs: 20 })
    await expect(stalled.version()).rejects.toBeInstanceOf(OllamaUnreachableError)
  })
})
