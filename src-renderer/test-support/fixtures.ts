import type {
  AppInfo,
  ChatMessage,
  ContextReport,
  ConversationSummary,
  ModelInfo,
  OllamaStatus,
  TempModelInfo,
} from '../../src-shared/types'

const T0 = '2026-08-01T10:00:00.000Z'

/** An installed model; override what the test is about. */
export function makeModel(overrides: Partial<ModelInfo> & { name: string }): ModelInfo {
  return {
    family: 'llama',
    parameterSize: '8.0B',
    quantization: 'Q4_K_M',
    sizeBytes: 4_700_000_000,
    modifiedAt: T0,
    digest: `sha256:${overrides.name}`,
    trainedContext: 131072,
    modelNumCtx: null,
    customNumCtx: null,
    runningContext: null,
    runningMemory: null,
    automaticContext: null,
    canChat: true,
    isCloud: false,
    capabilities: ['completion'],
    ...overrides,
  }
}

export function makeConversation(overrides: Partial<ConversationSummary> & { id: string }): ConversationSummary {
  return {
    title: `Conversation ${overrides.id}`,
    model: 'llama3:latest',
    systemPrompt: '',
    createdAt: T0,
    updatedAt: T0,
    messageCount: 0,
    preview: '',
    lastHost: null,
    options: {},
    think: null,
    ...overrides,
  }
}

export function makeMessage(
  overrides: Partial<ChatMessage> & { id: string; conversationId: string; role: ChatMessage['role'] },
): ChatMessage {
  return {
    content: '',
    thinking: '',
    status: 'complete',
    model: overrides.role === 'assistant' ? 'llama3:latest' : null,
    servedBy: null,
    numCtx: null,
    error: null,
    stats: null,
    context: null,
    notice: null,
    createdAt: T0,
    updatedAt: T0,
    parentId: null,
    versions: { index: 1, count: 1 },
    ...overrides,
  }
}

/** The fake bridge's `app:getInfo` answer (the desktop app, secrets encrypted); override what the test is about. */
export function makeAppInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    version: '0.1.0',
    mode: 'desktop',
    simulatedOllama: false,
    dataDir: '/tmp/ollmchat',
    secretsEncrypted: true,
    ...overrides,
  }
}

/** The host the fake bridge's Ollama answers at (no host chosen in the settings): the one in use unless a test says. */
export const LOCAL_HOST = 'http://127.0.0.1:11434'

export function makeStatus(state: OllamaStatus['state'], host = LOCAL_HOST): OllamaStatus {
  return {
    state,
    host,
    version: state === 'reachable' ? '0.32.15' : null,
    error: state === 'unreachable' ? { code: 'OLLAMA_UNREACHABLE', message: 'Nothing answered.' } : null,
    tooOld: null,
    checkedAt: T0,
  }
}

/** What a reply really ran with; the defaults describe an 8K context by Ollama's choice, nothing dropped. */
export function makeContext(overrides: Partial<ContextReport> = {}): ContextReport {
  return {
    asked: null,
    source: 'ollama-default',
    effective: 8192,
    promptTokens: 2104,
    replyTokens: 312,
    truncated: false,
    droppedMessages: 0,
    messageCut: false,
    lengthLimited: false,
    systemPromptChars: 0,
    ...overrides,
  }
}

/** A temporary model ollmchat made; unused, not loaded, not stale unless overridden. */
export function makeTempModel(overrides: Partial<TempModelInfo> & { name: string }): TempModelInfo {
  return {
    baseModel: 'llama3:latest',
    numCtx: 16384,
    createdAt: T0,
    lastUsedAt: null,
    loaded: false,
    inUse: false,
    stale: null,
    sizeBytes: 4_700_000_000,
    ...overrides,
  }
}
