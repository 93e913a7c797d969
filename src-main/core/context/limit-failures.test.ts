import { describe, expect, it } from 'vitest'
import { readKvShape } from '../ollama/show-model-info'
import {
  CannotChatError,
  ContextOverflowError,
  limitErrorFor,
  OutOfMemoryError,
  SignInRequiredError,
} from '../ollama/limit-errors'
import { safeOllamaLink } from '../../../src-shared/links'
import { explainLimitFailure, type LimitFailureFacts } from './limit-failures'

// The exact texts Ollama sends (ollama-api-notes §18, from the Go source at fb30760).
const EXCEED =
  '{"error":{"code":400,"message":"request (9412 tokens) exceeds the available context size (8192 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":9412,"n_ctx":8192}}'
const RENDERED =
  'the prompt is longer than the context length currently available to the model; shorten the prompt, adjust the context length in settings, or use a model with a longer context length'
const OOM =
  'llama-server reported out-of-memory during startup: ggml_backend_cuda_buffer_type_alloc_buffer: allocating 17408.00 MiB on device 0: cudaMalloc failed: out of memory'

const GiB = 1024 ** 3
const llama3 = {
  weightsBytes: 4.5 * GiB,
  kvShape: readKvShape(
    {
      'llama.block_count': 32,
      'llama.attention.head_count': 32,
      'llama.attention.head_count_kv': 8,
      'llama.embedding_length': 4096,
    },
    'llama',
  ),
  trainedContext: 131072,
}
const facts = (overrides: Partial<LimitFailureFacts> = {}): LimitFailureFacts => ({
  model: 'llama3:latest',
  asked: 8192,
  effective: 8192,
  memory: llama3,
  lastMessageTokens: 9000,
  largestLoadedBytes: null,
  minimum: 512,
  ...overrides,
})

describe('limitErrorFor (Ollama texts pinned)', () => {
  it("reads llama-server's exceed-context JSON with its numbers", () => {
    const error = limitErrorFor(400, EXCEED, 'llama3:latest')
    expect(error).toBeInstanceOf(ContextOverflowError)
    expect(error).toMatchObject({ code: 'PROMPT_TOO_LONG', promptTokens: 9412, contextTokens: 8192 })
  })

  it("reads the rendered path's refusal, which has no numbers", () => {
    expect(limitErrorFor(400, RENDERED, 'deepseek-v2:16b')).toMatchObject({
      code: 'PROMPT_TOO_LONG',
      promptTokens: null,
      contextTokens: null,
    })
  })

  it('reads an out-of-memory load, a model that cannot chat and a cloud sign-in', () => {
    expect(limitErrorFor(500, OOM, 'llama3:latest')).toBeInstanceOf(OutOfMemoryError)
    expect(limitErrorFor(400, '"all-minilm:latest" does not support chat', 'all-minilm:latest')).toBeInstanceOf(
      CannotChatError,
    )
    expect(limitErrorFor(401, 'unauthorized', 'gpt-oss:120b-cloud')).toBeInstanceOf(SignInRequiredError)
    // A 401 from a proxy in front of a local model is not about ollama.com.
    expect(limitErrorFor(401, 'Unauthorized', 'llama3:latest')).toBeNull()
  })

  it('leaves every other error alone', () => {
    expect(limitErrorFor(500, 'option "num_ctx" must be of type integer', 'x')).toBeNull()
    expect(limitErrorFor(400, 'invalid model name', 'x')).toBeNull()
    expect(limitErrorFor(503, 'server busy, please try again.  maximum pending requests exceeded', 'x')).toBeNull()
  })
})

describe('explainLimitFailure', () => {
  it('says how long the message is against the context, and offers a context that holds it', () => {
    const failure = explainLimitFailure(limitErrorFor(400, EXCEED, 'llama3:latest'), facts())
    expect(failure?.message).toBe(
      'Your message and the system prompt are about 9.2K tokens; llama3 runs with 8K here. Raise its context (up to 128K) or shorten the message.',
    )
    expect(failure?.action).toEqual({
      kind: 'set-num-ctx',
      model: 'llama3:latest',
      numCtx: 16384,
      label: 'Use 16K for llama3',
    })
    // Ollama's words, without llama-server's JSON around them.
    expect(failure?.detail).toBe(
      'request (9412 tokens) exceeds the available context size (8192 tokens), try increasing it',
    )
  })

  it('says to shorten the message when the model was trained for no more', () => {
    const failure = explainLimitFailure(
      limitErrorFor(400, EXCEED, 'llama3:latest'),
      facts({ memory: { ...llama3, trainedContext: 8192 } }),
    )
    expect(failure?.message).toMatch(
      /llama3 runs with 8K here \(8K is the most it was trained for\)\. Shorten the message/,
    )
    expect(failure?.action).toBeUndefined()
  })

  it('uses the estimate when Ollama gave no numbers', () => {
    const failure = explainLimitFailure(
      limitErrorFor(400, RENDERED, 'llama3:latest'),
      facts({ lastMessageTokens: 5000, effective: 4096, asked: null }),
    )
    expect(failure?.message).toMatch(
      /^Your message and the system prompt are about 4.9K tokens; llama3 runs with 4K here/,
    )
  })

  it('suggests a context that fits after running out of memory, never raw JSON', () => {
    const failure = explainLimitFailure(
      limitErrorFor(500, OOM, 'llama3:latest'),
      facts({ asked: 131072, largestLoadedBytes: 9 * GiB }),
    )
    // 4.5 GiB weights + 128 KiB per token: 128K needs 20.5 GiB (22.0 GB); 32K needs 8.5 GiB (9.1 GB), within the 9 GiB seen loaded.
    expect(failure?.message).toMatch(
      /^llama3 could not be loaded with a 128K context: Ollama ran out of memory \(about 22.0 GB at that size\). Try 32K \(about 9.1 GB\)\.$/,
    )
    expect(failure?.action).toMatchObject({ kind: 'set-num-ctx', numCtx: 32768 })
  })

  it('links to the sign-in page Ollama sent, and only to ollama.com', () => {
    const failure = explainLimitFailure(
      new SignInRequiredError('https://ollama.com/connect?name=box&key=abc'),
      facts({ model: 'gpt-oss:120b-cloud' }),
    )
    expect(failure).toMatchObject({
      code: 'SIGN_IN_REQUIRED',
      action: { kind: 'open-link', url: 'https://ollama.com/connect?name=box&key=abc' },
    })
    expect(
      explainLimitFailure(new SignInRequiredError('https://evil.example/connect'), facts())?.action,
    ).toBeUndefined()
    expect(safeOllamaLink('http://ollama.com/x')).toBeNull()
    expect(safeOllamaLink('https://ollama.com.evil.example/x')).toBeNull()
    expect(safeOllamaLink('javascript:alert(1)')).toBeNull()
    expect(safeOllamaLink('https://user:pw@ollama.com/x')).toBeNull()
  })
})
