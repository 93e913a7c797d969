import { afterEach, beforeEach } from 'vitest'
import { startOllamaSim, type OllamaSim } from '../../../../tools/ollama-sim/index'
import { OllamaClient } from '../client'

/** What a test file that calls `useClientSim` reads inside its tests. */
export interface ClientSimInTest {
  readonly sim: OllamaSim
  /** A client of `sim`, as the app makes one for a host. */
  readonly client: OllamaClient
}

/**
 * For a test file: before each test a simulator with a plain model and a thinking model with a long context, and a
 * client in front of it, both closed after the test. Call it once at the top of the file (it registers the
 * `beforeEach` and `afterEach`) and read its fields inside tests, never destructure them at the top (they change per
 * test).
 */
export function useClientSim(): ClientSimInTest {
  let started: ClientSimInTest | null = null
  const current = () => {
    if (started === null) throw new Error('The simulator and its client exist only inside a test.')
    return started
  }
  beforeEach(async () => {
    const sim = await startOllamaSim({
      models: ['llama3', { name: 'qwen3:8b', capabilities: ['completion', 'thinking'], contextLength: 40960 }],
    })
    started = { sim, client: new OllamaClient({ host: sim.url }) }
  })
  afterEach(async () => {
    const { sim, client } = current()
    started = null
    await client.close()
    await sim.close()
  })
  return {
    get sim() {
      return current().sim
    },
    get client() {
      return current().client
    },
  }
}
