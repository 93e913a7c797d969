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
