import { afterEach, beforeEach } from 'vitest'
import { startOllamaSim, type OllamaSim } from '../../../../tools/ollama-sim/index'
import { OllamaClient } from '../../ollama/client'
import { TempModelManager } from '../temp-model-manager'
import { createMemoryTempModelRegistry, type TempModelRegistry } from '../temp-model-registry'

/** A simulator with a manager in front of it, as the TempModelManager tests start each test. */
export interface ManagerSim {
  sim: OllamaSim
  client: OllamaClient
  registry: TempModelRegistry
  manager: TempModelManager
  close(): Promise<void>
}

/**
 * Two bases that differ only in namespace (their temporary models must stay apart) and a thinking model with a long
 * context, behind a manager with an in-memory registry.
 */
export async function startManagerSim(): Promise<ManagerSim> {
  const sim = await startOllamaSim({
    models: [
      'llama3',
      { name: 'qwen3:8b', capabilities: ['completion', 'thinking'], contextLength: 40960 },
      'user/llama3',
    ],
  })
  const client = new OllamaClient({ host: sim.url })
  const registry = createMemoryTempModelRegistry()
  return {
    sim,
    client,
    registry,
    manager: new TempModelManager(client, { registry }),
    close: async () => {
      await client.close()
      await sim.close()
    },
  }
}

/** What a test file that calls `useManagerSim` reads inside its tests; a test may put its own `manager` in place. */
export type ManagerSimInTest = Omit<ManagerSim, 'close'> & {
  /** The registry's records of the simulator's host, which are the ones the manager under test uses. */
  readonly records: () => ReturnType<TempModelRegistry['forHost']>
}

/**
 * For a test file: before each test a fresh `startManagerSim()`, closed after the test. Call it once at the top of the
 * file (it registers the `beforeEach` and `afterEach`) and read its fields inside tests, never destructure them at the
 * top (they change per test).
 */
export function useManagerSim(): ManagerSimInTest {
  let started: ManagerSim | null = null
  const current = () => {
    if (started === null) throw new Error('The simulator and its manager exist only inside a test.')
    return started
  }
  beforeEach(async () => {
    started = await startManagerSim()
  })
  afterEach(async () => {
    await current().close()
    started = null
  })
  return {
    get sim() {
      return current().sim
    },
    get client() {
      return current().client
    },
    get registry() {
      return current().registry
    },
    get manager() {
      return current().manager
    },
    set manager(replacement) {
      current().manager = replacement
    },
    records: () => current().registry.forHost(current().client.host),
  }
}
