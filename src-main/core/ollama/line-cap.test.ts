import { afterEach, beforeEach, expect, it } from 'vitest'
import { startOllamaSim, type OllamaSim } from '../../../tools/ollama-sim/index'
import { OllamaClient } from './client'
import { MalformedResponseError } from './errors'
import { recordFault } from '../../test-support/reliability-checks'

let sim: OllamaSim
let client: OllamaClient

beforeEach(async () => {
  sim = await startOllamaSim({ models: ['llama3'] })
  client = new OllamaClient({ host: sim.url })
})
afterEach(async () => {
  await client.close()
  await sim.close()
})

it('fails a chat whose streamed line passes 16 MB with no newline, without waiting for the rest of it', async () => {
  recordFault('huge-line')
  sim.faults.hugeLineNext('/api/chat', 64 * 1024 * 1024)
  let error: unknown
  try {
    for await (const chunk of client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] })) void chunk
  } catch (caught) {
    error = caught
  }
  expect(error).toBeInstanceOf(MalformedResponseError)
  expect((error as Error).message).toContain('longer than 16 MB')
  // The client is still usable: the cut connection did not poison the pool.
  await expect(client.version()).resolves.toBeTruthy()
})
