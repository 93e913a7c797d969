// Pins every library text and shape that `toOllamaError` (classify-error.ts) still matches, with the real
// libraries: an upgrade of ollama-js or undici that changes one fails here instead of turning a typed error
// into a bug report.
import { Ollama } from 'ollama/browser'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { startOllamaSim, type OllamaSim } from '../../../tools/ollama-sim/index'
import { toOllamaError } from './classify-error'
import { ModelNotFoundError, OllamaUnreachableError, StreamInterruptedError } from './errors'
import { agentFetch, callFetch, createOllamaAgent } from './http'

const agent = createOllamaAgent()
const viaUndici = agentFetch(agent)
let sim: OllamaSim | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})
afterAll(() => agent.close())

async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run()
  } catch (error) {
    return error
  }
  throw new Error('expected a failure')
}

describe('ollama-js', () => {
  it('throws an error answer as ResponseError with `error` and `status_code`', async () => {
    const answer = async () =>
      new Response('{"error":"model \'x\' not found"}', {
        status: 404,
        headers: { 'content-type': 'application/json' },
      })
    const error = await failureOf(() => new Ollama({ fetch: callFetch(answer, {}) }).show({ model: 'x' }))
    expect(error).toMatchObject({ name: 'ResponseError', error: "model 'x' not found", status_code: 404 })
    expect(toOllamaError(error, { host: 'h', model: 'x' })).toBeInstanceOf(ModelNotFoundError)
  })
})

describe('undici', () => {
  it('fails a refused connection as TypeError `fetch failed` with the code in its cause', async () => {
    const closed = await startOllamaSim()
    const url = closed.url
    await closed.close()
    const error = await failureOf(() => viaUndici(`${url}/api/version`))
    expect(error).toBeInstanceOf(TypeError)
    expect(error).toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } })
    expect(toOllamaError(error, { host: url })).toMatchObject({ reason: 'ECONNREFUSED' })
  })

  it('fails a port fetch refuses as TypeError `fetch failed` with cause `bad port`', async () => {
    const error = await failureOf(() => viaUndici('http://127.0.0.1:9/api/version'))
    expect(error).toMatchObject({ message: 'fetch failed', cause: { message: 'bad port' } })
    expect(toOllamaError(error, { host: 'h' })).toBeInstanceOf(OllamaUnreachableError)
  })

  it('fails a body cut off mid-stream as TypeError `terminated`', async () => {
    sim = await startOllamaSim({ models: ['llama3'], reply: 'one two three four' })
    sim.faults.dropStreamAfter(1)
    const response = await viaUndici(`${sim.url}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }),
    })
    const error = await failureOf(() => response.text())
    expect(error).toBeInstanceOf(TypeError)
    expect(error).toMatchObject({ message: 'terminated' })
    expect(toOllamaError(error, { host: sim.url })).toBeInstanceOf(StreamInterruptedError)
  })

  it('rejects an aborted request with the signal’s reason: AbortError, or TimeoutError for AbortSignal.timeout', async () => {
    sim = await startOllamaSim()
    const running = sim
    running.faults.stallNext('/api/version')
    running.faults.stallNext('/api/version')
    const controller = new AbortController()
    const aborted = failureOf(() => viaUndici(`${running.url}/api/version`, { signal: controller.signal }))
    controller.abort()
    expect(await aborted).toMatchObject({ name: 'AbortError' })
    expect(
      await failureOf(() => viaUndici(`${running.url}/api/version`, { signal: AbortSignal.timeout(20) })),
    ).toMatchObject({ name: 'TimeoutError' })
  })
})
