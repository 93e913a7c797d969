import type { Logger } from './log'
import { createModelCatalog, type ModelCatalog } from './models/model-catalog'
import { TempModelManager } from './models/temp-model-manager'
import type { TempModelRegistry } from './models/temp-model-registry'
import { OllamaClient } from './ollama/client'

/** Everything bound to one Ollama host; rebuilt when the user changes the host. */
export interface OllamaConnection {
  readonly host: string
  readonly client: OllamaClient
  readonly tempModels: TempModelManager
  readonly catalog: ModelCatalog
}

export function openConnection(options: {
  hostSetting: string | null
  env: Record<string, string | undefined>
  registry: TempModelRegistry
  numCtxFor: (model: string) => number | null
  log: Logger
}): OllamaConnection {
  const client = new OllamaClient({ host: options.hostSetting, env: options.env })
  const tempModels = new TempModelManager(client, { registry: options.registry, log: options.log })
  const catalog = createModelCatalog({ client, customNumCtxFor: options.numCtxFor, log: options.log })
  return { host: client.host, client, tempModels, catalog }
}
