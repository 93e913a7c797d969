import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startOllamaSim } from './index'
import type { OllamaSim } from './index'
import { fakeClock, post, tags } from './test-helpers'

let sim: OllamaSim
const clock = fakeClock()

beforeEach(async () => {
  sim = await startOllamaSim({
    now: clock.now,
    models: [
      'llama3',
      {
        name: 'big-ctx:latest',
        parameters: { num_ctx: 1048576, stop: ['<|eot_id|>', 'END'], temperature: 0.7, seed: 42 },
      },
      {
        name: 'hf.co/user/repo:Q4_K_M',
        family: 'qwen2',
        contextLength: 32768,
        parameterSize: '7.6B',
        quantization: 'Q4_K_M',
      },
      'gpt-oss:120b-cloud',
    ],
  })
})
afterEach(async () => {
  await sim.close()
})

describe('GET /api/tags', () => {
  it('lists start-up models in the given order (newest modified_at first) with every field', async () => {
    const models = await tags(sim)
    expect(models.map((m) => m.name)).toEqual([
      'llama3:latest',
      'big-ctx:latest',
      'hf.co/user/repo:Q4_K_M',
      'gpt-oss:120b-cloud',
    ])
    const first = models[0]
    expect(first).toMatchObject({
      name: 'llama3:latest',
      model: 'llama3:latest',
      size: expect.any(Number) as unknown,
      details: {
        parent_model: '',
        format: 'gguf',
        family: 'llama',
        families: ['llama'],
        parameter_size: '8.0B',
        quantization_level: 'Q4_0',
        context_length: 8192,
      },
      capabilities: ['completion'],
    })
    expect(first?.digest).toMatch(/^[0-9a-f]{64}$/)
    expect(first?.modified_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/)
    const times = models.map((m) => Date.parse(m.modified_at))
    expect([...times].sort((a, b) => b - a)).toEqual(times)
  })

  it('puts a model added later first', async () => {
    sim.addModel('mistral:7b')
    expect((await tags(sim))[0]?.name).toBe('mistral:7b')
    expect(sim.listModelNames()[0]).toBe('mistral:7b')
  })

  it('shows a cloud stub with its remote fields', async () => {
    const cloud = (await tags(sim)).find((m) => m.name === 'gpt-oss:120b-cloud')
    expect(cloud).toMatchObject({
      remote_model: 'gpt-oss:120b',
      remote_host: 'https://ollama.com:443',
      details: { format: '' },
    })
    expect(sim.getModel('gpt-oss:120b-cloud')?.remote).toBe(true)
  })

  it('gives a derived model the base size and the from display name as parent_model', async () => {
    const created = await post(sim, '/api/create', {
      model: 'ollmchat-temp/llama3-x:ctx2048',
      from: 'llama3',
      parameters: { num_ctx: 2048 },
      stream: false,
    })
    expect(created.status).toBe(200)
    const models = await tags(sim)
    const base = models.find((m) => m.name === 'llama3:latest')
    const temp = models.find((m) => m.name === 'ollmchat-temp/llama3-x:ctx2048')
    expect(temp?.details.parent_model).toBe('llama3:latest')
    expect(base?.details.parent_model).toBe('')
    expect(temp?.size).toBe(base?.size)
    expect(base?.size).toBeGreaterThan(sim.getModel('llama3')?.sizeBytes ?? Number.POSITIVE_INFINITY)
    expect(temp?.digest).not.toBe(base?.digest)
  })

  it('changes the digest on repull but keeps the weights', async () => {
    const before = sim.getModel('llama3')
    sim.repull('llama3')
    const after = sim.getModel('llama3')
    expect(after?.digest).toMatch(/^[0-9a-f]{64}$/)
    expect(after?.digest).not.toBe(before?.digest)
    expect(after?.weightsDigest).toBe(before?.weightsDigest)
    expect((await tags(sim)).find((m) => m.name === 'llama3:latest')?.digest).toBe(after?.digest)
    expect(() => sim.repull('nope')).toThrow()
  })
})

describe('model API helpers', () => {
  it('finds models case-insensitively with default parts filled', () => {
    expect(sim.hasModel('LLAMA3')).toBe(true)
    expect(sim.hasModel('registry.ollama.ai/library/llama3:latest')).toBe(true)
    expect(sim.hasModel('llama3:8b')).toBe(false)
    expect(sim.hasModel('not a name')).toBe(false)
    expect(sim.getModel('Hf.Co/User/Repo:q4_k_m')).toMatchObject({
      name: 'hf.co/user/repo:Q4_K_M',
      canonical: 'hf.co/user/repo:Q4_K_M',
      parentModel: '',
      contextLength: 32768,
      family: 'qwen2',
    })
  })

  it('removes models', async () => {
    expect(sim.removeModel('Llama3:latest')).toBe(true)
    expect(sim.removeModel('llama3')).toBe(false)
    expect((await tags(sim)).map((m) => m.name)).not.toContain('llama3:latest')
  })

  it('rejects an invalid name in addModel', () => {
    expect(() => sim.addModel('bad name')).toThrow(/invalid model name/)
  })
})

describe('POST /api/show', () => {
  it('formats parameters as %-30s %#v, one line per array element, exponent form for ≥ 1e6', async () => {
    const answer = await post(sim, '/api/show', { model: 'big-ctx' })
    expect(answer.status).toBe(200)
    const body = answer.json as Record<string, string>
    expect(body.parameters?.split('\n')).toEqual([
      'num_ctx                        1.048576e+06',
      'stop                           "<|eot_id|>"',
      'stop                           "END"',
      'temperature                    0.7',
      'seed                           42',
    ])
    expect(body.modelfile).toContain('PARAMETER num_ctx 1.048576e+06\n')
    expect(body.modelfile).toContain('PARAMETER stop <|eot_id|>\n')
    expect(body.modelfile).toContain('PARAMETER stop END\n')
    expect(body.modelfile).toMatch(/^# Modelfile generated by "ollama show"/)
    expect(body.modelfile).toContain('# FROM big-ctx:latest')
    expect(body.modelfile).toMatch(/\nFROM \/root\/\.ollama\/models\/blobs\/sha256-[0-9a-f]{64}\n/)
  })

  it('returns template, details, model_info with the trained context, capabilities, tensors and modified_at', async () => {
    const answer = await post(sim, '/api/show', { model: 'hf.co/user/repo:Q4_K_M' })
    const body = answer.json as Record<string, unknown>
    expect(Object.keys(body)).toEqual([
      'modelfile',
      'template',
      'details',
      'model_info',
      'tensors',
      'capabilities',
      'modified_at',
    ])
    expect(body.template).toContain('{{')
    expect(body.details).toEqual({
      parent_model: '',
      format: 'gguf',
      family: 'qwen2',
      families: ['qwen2'],
      parameter_size: '7.6B',
      quantization_level: 'Q4_K_M',
    })
    const info = body.model_info as Record<string, unknown>
    expect(info['general.architecture']).toBe('qwen2')
    expect(info['qwen2.context_length']).toBe(32768)
    expect(info['tokenizer.ggml.tokens']).toBeNull()
    expect(Object.keys(info)).toEqual([...Object.keys(info)].sort())
    expect((body.tensors as unknown[]).length).toBeGreaterThan(2)
    expect(body.capabilities).toEqual(['completion'])
    expect(body.modified_at).toBe((await tags(sim)).find((m) => m.name === 'hf.co/user/repo:Q4_K_M')?.modified_at)
  })

  it('fills GGUF arrays only when verbose', async () => {
    const answer = await post(sim, '/api/show', { model: 'llama3', verbose: true })
    const info = (answer.json as { model_info: Record<string, unknown> }).model_info
    expect(Array.isArray(info['tokenizer.ggml.tokens'])).toBe(true)
  })

  it('omits parameters when the model has none and shows the merged ones of a derived model', async () => {
    const plain = (await post(sim, '/api/show', { model: 'hf.co/user/repo:Q4_K_M' })).json as Record<string, unknown>
    expect(plain.parameters).toBeUndefined()
    await post(sim, '/api/create', {
      model: 'derived',
      from: 'big-ctx:latest',
      parameters: { num_ctx: 8192, stop: ['X'] },
      stream: false,
    })
    const derived = (await post(sim, '/api/show', { model: 'derived' })).json as Record<string, unknown>
    expect(derived.parameters).toBe(
      [
        'num_ctx                        8192',
        'stop                           "X"',
        'temperature                    0.7',
        'seed                           42',
      ].join('\n'),
    )
    expect(derived.details).toMatchObject({ parent_model: 'big-ctx:latest' })
  })

  it('matches names case-insensitively and accepts the legacy name field', async () => {
    expect((await post(sim, '/api/show', { model: 'LLAMA3:LATEST' })).status).toBe(200)
    expect((await post(sim, '/api/show', { name: ' llama3 ' })).status).toBe(200)
  })

  it('answers 404 with the normalized name, 400 for invalid or missing names', async () => {
    expect(await post(sim, '/api/show', { model: 'x' })).toMatchObject({
      status: 404,
      json: { error: "model 'x:latest' not found" },
    })
    expect(await post(sim, '/api/show', { model: 'user/x:1b' })).toMatchObject({
      status: 404,
      json: { error: "model 'user/x:1b' not found" },
    })
    expect(await post(sim, '/api/show', { model: 'a/b/c/d' })).toMatchObject({
      status: 400,
      json: { error: 'invalid model name' },
    })
    expect(await post(sim, '/api/show', {})).toMatchObject({ status: 400, json: { error: 'model is required' } })
  })

  it('shows a cloud stub with remote fields and no tensors', async () => {
    const body = (await post(sim, '/api/show', { model: 'gpt-oss:120b-cloud' })).json as Record<string, unknown>
    expect(body).toMatchObject({ remote_model: 'gpt-oss:120b', remote_host: 'https://ollama.com:443' })
    expect(body.tensors).toBeUndefined()
    expect(body.capabilities).toContain('thinking')
  })
})
