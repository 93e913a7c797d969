import { Ollama } from 'ollama'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startOllamaSim } from './index'
import type { OllamaSim } from './index'
import { post, tags } from './test-helpers'

let sim: OllamaSim

beforeEach(async () => {
  // Pulls here are about what create does around them, not about their pace: a fast link keeps the tests quick.
  sim = await startOllamaSim({
    models: ['llama3', 'qwen3:8b'],
    registry: ['llama3', 'llama3.2:3b', 'qwen3:8b'],
    pullBytesPerSecond: 50e9,
  })
})
afterEach(async () => {
  await sim.close()
})

const statuses = (lines: Record<string, unknown>[]) => lines.map((line) => line.status)

describe('POST /api/create from a local model', () => {
  it('streams one line per layer (weights, template, license, params), writing manifest and success', async () => {
    const answer = await post(sim, '/api/create', {
      model: 'ollmchat-temp/llama3-a:ctx8192',
      from: 'llama3:latest',
      parameters: { num_ctx: 8192 },
    })
    expect(answer.status).toBe(200)
    expect(answer.contentType).toBe('application/x-ndjson')
    const lines = statuses(answer.lines)
    const weights = sim.getModel('llama3')?.weightsDigest ?? ''
    expect(lines[0]).toBe(`using existing layer ${weights}`)
    expect(lines[1]).toMatch(/^using existing layer sha256:[0-9a-f]{64}$/)
    expect(lines[2]).toMatch(/^using existing layer sha256:[0-9a-f]{64}$/)
    expect(lines[3]).toMatch(/^creating new layer sha256:[0-9a-f]{64}$/)
    expect(lines.slice(4)).toEqual(['writing manifest', 'success'])
    expect(sim.hasModel('ollmchat-temp/llama3-a:ctx8192')).toBe(true)
  })

  it('reports an identical params blob as an existing layer and yields the same digest', async () => {
    const body = { model: 'ollmchat-temp/a:ctx8192', from: 'llama3', parameters: { num_ctx: 8192 } }
    await post(sim, '/api/create', body)
    const first = sim.getModel('ollmchat-temp/a:ctx8192')?.digest
    const again = await post(sim, '/api/create', body)
    expect(statuses(again.lines).filter((s) => String(s).startsWith('creating new'))).toEqual([])
    expect(sim.getModel('ollmchat-temp/a:ctx8192')?.digest).toBe(first)
  })

  it('answers stream:false with one success object', async () => {
    const answer = await post(sim, '/api/create', {
      model: 't',
      from: 'llama3',
      parameters: { num_ctx: 2048 },
      stream: false,
    })
    expect(answer).toMatchObject({ status: 200, json: { status: 'success' } })
    expect(answer.contentType).toContain('application/json')
  })

  it('makes the model visible in /api/tags once success is sent', async () => {
    await post(sim, '/api/create', {
      model: 'ollmchat-temp/llama3-b:ctx4096',
      from: 'llama3',
      parameters: { num_ctx: 4096 },
    })
    expect((await tags(sim)).map((m) => m.name)).toContain('ollmchat-temp/llama3-b:ctx4096')
  })

  it('merges parameters over the base (request wins, arrays replace) and stores them unvalidated', async () => {
    sim.addModel({ name: 'base', parameters: { stop: ['a', 'b'], temperature: 0.5 } })
    await post(sim, '/api/create', {
      model: 'bad',
      from: 'base',
      parameters: { num_ctx: 'abc', stop: ['c'] },
      stream: false,
    })
    expect(sim.getModel('bad')?.parameters).toEqual({ stop: ['c'], temperature: 0.5, num_ctx: 'abc' })
    expect(sim.getModel('bad')?.parentModel).toBe('base:latest')
    expect(sim.getModel('bad')?.weightsDigest).toBe(sim.getModel('base')?.weightsDigest)
  })

  it('canonicalizes the target: re-creating with other letter case overwrites', async () => {
    await post(sim, '/api/create', {
      model: 'ollmchat-temp/x:ctx1',
      from: 'llama3',
      parameters: { num_ctx: 1024 },
      stream: false,
    })
    const count = (await tags(sim)).length
    await post(sim, '/api/create', {
      model: 'Ollmchat-Temp/X:CTX1',
      from: 'llama3',
      parameters: { num_ctx: 2048 },
      stream: false,
    })
    const models = await tags(sim)
    expect(models).toHaveLength(count)
    expect(models.map((m) => m.name)).toContain('ollmchat-temp/x:ctx1')
    expect(sim.getModel('ollmchat-temp/x:ctx1')?.parameters).toMatchObject({ num_ctx: 2048 })
  })

  it('accepts the legacy name field for the target', async () => {
    expect((await post(sim, '/api/create', { name: 'legacy', from: 'llama3', stream: false })).status).toBe(200)
    expect(sim.hasModel('legacy')).toBe(true)
  })

  it('copies template and system overrides into the derived model', async () => {
    await post(sim, '/api/create', { model: 'sys', from: 'llama3', system: 'Be brief.', stream: false })
    expect(sim.getModel('sys')?.system).toBe('Be brief.')
    const show = (await post(sim, '/api/show', { model: 'sys' })).json as Record<string, unknown>
    expect(show.system).toBe('Be brief.')
  })
})

describe('POST /api/create errors', () => {
  it('needs from or files', async () => {
    expect(await post(sim, '/api/create', { model: 'x' })).toMatchObject({
      status: 400,
      json: { error: "neither 'from' or 'files' was specified" },
    })
    const legacy = await post(sim, '/api/create', { model: 'x', modelfile: 'FROM llama3\nPARAMETER num_ctx 8192' })
    expect(legacy).toMatchObject({ status: 400, json: { error: "neither 'from' or 'files' was specified" } })
  })

  it('rejects an invalid target or from with 400 invalid model name', async () => {
    const nested = await post(sim, '/api/create', { model: 'ollmchat-temp/hf.co/u/r:t', from: 'llama3' })
    expect(nested).toMatchObject({ status: 400, json: { error: 'invalid model name' } })
    expect(await post(sim, '/api/create', { from: 'llama3' })).toMatchObject({
      status: 400,
      json: { error: 'invalid model name' },
    })
    expect(await post(sim, '/api/create', { model: ' spaced', from: 'llama3' })).toMatchObject({ status: 400 })
    expect(await post(sim, '/api/create', { model: 'ok', from: 'bad name' })).toMatchObject({
      status: 400,
      json: { error: 'invalid model name' },
    })
  })

  it('ignores modelfile when from is present (its PARAMETER lines are lost)', async () => {
    await post(sim, '/api/create', {
      model: 'lost',
      from: 'llama3',
      modelfile: 'FROM llama3\nPARAMETER num_ctx 8192',
      stream: false,
    })
    expect(sim.getModel('lost')?.parameters.num_ctx).toBeUndefined()
  })
})

describe('POST /api/create with an implicit pull', () => {
  it('pulls a from that is missing locally, then creates: two success lines', async () => {
    const answer = await post(sim, '/api/create', {
      model: 'ollmchat-temp/l32:ctx8192',
      from: 'llama3.2:3b',
      parameters: { num_ctx: 8192 },
    })
    expect(answer.status).toBe(200)
    const lines = statuses(answer.lines)
    expect(lines[0]).toBe('pulling manifest')
    expect(lines.filter((s) => s === 'success')).toHaveLength(2)
    const firstSuccess = lines.indexOf('success')
    expect(lines.slice(firstSuccess - 2, firstSuccess)).toEqual(['verifying sha256 digest', 'writing manifest'])
    const progress = answer.lines.filter(
      (l) => String(l.status).startsWith('pulling ') && l.status !== 'pulling manifest',
    )
    expect(progress.length).toBeGreaterThan(0)
    for (const line of progress) {
      expect(line.status).toBe(`pulling ${String(line.digest).slice(7, 19)}`)
      expect(line.total).toEqual(expect.any(Number))
    }
    expect(lines.at(-1)).toBe('success')
    expect(lines.at(-2)).toBe('writing manifest')
    expect(sim.hasModel('llama3.2:3b')).toBe(true)
    expect(sim.getModel('ollmchat-temp/l32:ctx8192')?.parentModel).toBe('llama3.2:3b')
  })

  it('treats a from that differs only in letter case as missing (exact manifest path) and pulls it', async () => {
    const answer = await post(sim, '/api/create', {
      model: 'ollmchat-temp/q:ctx8192',
      from: 'Qwen3:8B',
      parameters: { num_ctx: 8192 },
    })
    const lines = statuses(answer.lines)
    expect(lines[0]).toBe('pulling manifest')
    expect(lines.filter((s) => s === 'success')).toHaveLength(2)
    expect(sim.listModelNames()).toEqual(expect.arrayContaining(['qwen3:8b', 'Qwen3:8B']))
    const shared = answer.lines.filter((l) => l.digest === sim.getModel('qwen3:8b')?.weightsDigest)
    expect(shared).toHaveLength(1)
    expect(shared[0]?.completed).toBe(shared[0]?.total)
  })

  it('answers an unknown base with a 200 stream ending in an error line', async () => {
    const answer = await post(sim, '/api/create', { model: 'x', from: 'no-such-model:7b' })
    expect(answer.status).toBe(200)
    expect(answer.lines).toEqual([
      { status: 'pulling manifest' },
      { error: 'pull model manifest: file does not exist' },
    ])
    expect(sim.hasModel('x')).toBe(false)
  })

  it('answers an unknown base with HTTP 500 when stream is false', async () => {
    const answer = await post(sim, '/api/create', { model: 'x', from: 'no-such-model:7b', stream: false })
    expect(answer).toMatchObject({ status: 500, json: { error: 'pull model manifest: file does not exist' } })
  })
})

describe('ollama-js create', () => {
  it('resolves stream:false with the final success', async () => {
    const client = new Ollama({ host: sim.url })
    const result = await client.create({
      model: 'js-temp',
      from: 'llama3:latest',
      parameters: { num_ctx: 3000 },
      stream: false,
    })
    expect(result).toEqual({ status: 'success' })
    expect(sim.getModel('js-temp')?.parameters).toMatchObject({ num_ctx: 3000 })
    expect(sim.requestsTo('/api/create')[0]?.body).toMatchObject({
      model: 'js-temp',
      from: 'llama3:latest',
      stream: false,
    })
  })

  it('stops a streamed implicit pull at the first success (the two-success quirk)', async () => {
    const client = new Ollama({ host: sim.url })
    const seen: string[] = []
    for await (const part of await client.create({ model: 'js-pulled', from: 'llama3.2:3b', stream: true }))
      seen.push(part.status)
    expect(seen.at(-1)).toBe('success')
    expect(seen.filter((s) => s === 'success')).toHaveLength(1)
    expect(seen.some((s) => s.startsWith('using existing layer'))).toBe(false)
  })
})
