import { afterEach, describe, expect, it } from 'vitest'
import { startOllamaSim } from './index'
import type { OllamaSim } from './index'
import { call, post } from './test-helpers'
import { isOlderThan } from './versions'

let sim: OllamaSim | undefined

afterEach(async () => {
  await sim?.close()
  sim = undefined
})

const body = { model: 'ollmchat-temp/llama3:ctx8192', from: 'llama3', parameters: { num_ctx: 8192 } }

describe('an Ollama before 0.5.5 (routes.go CreateHandler at v0.5.4)', () => {
  it('reports its version and answers a create with from but no Modelfile with 400 path or Modelfile are required', async () => {
    sim = await startOllamaSim({ models: ['llama3'], version: '0.5.4' })
    expect((await call(sim, 'GET', '/api/version')).json).toEqual({ version: '0.5.4' })
    expect(await post(sim, '/api/create', body)).toMatchObject({
      status: 400,
      json: { error: 'path or Modelfile are required' },
    })
    expect(await post(sim, '/api/create', { ...body, stream: false })).toMatchObject({
      status: 400,
      json: { error: 'path or Modelfile are required' },
    })
    expect(sim.hasModel(body.model)).toBe(false)
  })

  it('checks the target name first, and the old struct field types', async () => {
    sim = await startOllamaSim({ models: ['llama3'], version: '0.3.14' })
    expect(await post(sim, '/api/create', { ...body, model: 'a/b/c/d' })).toMatchObject({
      status: 400,
      json: { error: 'invalid model name' },
    })
    expect(await post(sim, '/api/create', { ...body, modelfile: 5 })).toMatchObject({
      status: 400,
      json: { error: 'json: cannot unmarshal number into Go struct field CreateRequest.modelfile of type string' },
    })
  })

  it('says plainly that a Modelfile create is not simulated', async () => {
    sim = await startOllamaSim({ models: ['llama3'], version: '0.5.4' })
    const answer = await post(sim, '/api/create', { ...body, modelfile: 'FROM llama3\nPARAMETER num_ctx 8192' })
    expect(answer.status).toBe(400)
    expect((answer.json as { error: string }).error).toMatch(/^ollama-sim: /)
  })

  it.each(['0.5.5', '0.5.5-rc0', '0.0.0', '0.32.15'])('creates from a model with version %s', async (version) => {
    sim = await startOllamaSim({ models: ['llama3'], version })
    expect(await post(sim, '/api/create', { ...body, stream: false })).toMatchObject({
      status: 200,
      json: { status: 'success' },
    })
  })
})

describe('isOlderThan', () => {
  it('compares releases numerically, a release candidate as its release, a dev build as current', () => {
    expect(isOlderThan('0.5.4', '0.5.5')).toBe(true)
    expect(isOlderThan('0.4.12', '0.5.5')).toBe(true)
    expect(isOlderThan('0.5.4-rc2', '0.5.5')).toBe(true)
    expect(isOlderThan('0.5.5-rc0', '0.5.5')).toBe(false)
    expect(isOlderThan('0.10.0', '0.5.5')).toBe(false)
    expect(isOlderThan('0.0.0', '0.5.5')).toBe(false)
    expect(isOlderThan('dev', '0.5.5')).toBe(false)
  })
})
