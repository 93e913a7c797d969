export { OllamaClient } from './ollama/client'
export type {
  CallOptions,
  ChatChunk,
  ChatMessageIn,
  ChatRequestIn,
  CreateRequestIn,
  ListedModel,
  OllamaClientOptions,
  RunningModel,
  ShownModel,
} from './ollama/client'
export {
  CancelledError,
  InvalidModelNameError,
  InvalidNumCtxError,
  MalformedResponseError,
  ModelNotFoundError,
  NotApplicableError,
  OllamaEdgeError,
  OllamaHttpError,
  OllamaStreamError,
  OllamaUnreachableError,
  StreamInterruptedError,
} from './ollama/errors'
export { toOllamaError } from './ollama/classify-error'
export { CannotChatError, ContextOverflowError, OutOfMemoryError, SignInRequiredError } from './ollama/limit-errors'
export {
  DEFAULT_OLLAMA_HOST,
  describeHostSource,
  normalizeOllamaHost,
  readOllamaHost,
  resolveOllamaHost,
} from './ollama/host'
export type { OllamaHostReading, OllamaHostRefusal, OllamaHostResolution, OllamaHostSource } from './ollama/host'
export {
  canonicalModelName,
  displayModelName,
  isCloudModelName,
  isTempModelName,
  modelKey,
  parseModelName,
  sameModel,
  TEMP_NAMESPACE,
} from './ollama/model-name'
export type { ModelNameParts } from './ollama/model-name'
export { getTempModelName, getTempModelPath, tempModelApplies, tempModelNumCtx } from './models/temp-model-naming'
export { TempModelManager } from './models/temp-model-manager'
export type { CleanupReport, TempModelManagerOptions, TempModelRef } from './models/temp-model-manager'
export { createMemoryTempModelRegistry, createTempModelRegistry } from './models/temp-model-registry'
export type {
  HostTempModelRegistry,
  TempModelRecord,
  TempModelRecordStorage,
  TempModelRegistry,
} from './models/temp-model-registry'
export { createModelCatalog } from './models/model-catalog'
export type { ModelCatalog, ModelCatalogDeps } from './models/model-catalog'
export { createCore } from './app-core'
export { DEFAULT_TIMING } from './core-types'
export type { Core, CoreDeps, CoreTiming, KeyValueStore } from './core-types'
