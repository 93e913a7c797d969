import { hostname } from 'node:os'
import { afterEach, describe, expect, it } from 'vitest'
import { isCloudRef, signinUrl } from './cloud'
import { startOllamaSim } from './index'
import type { OllamaSim, SimOptions } from './index'
import { post } from './test-helpers'

let sim: OllamaSim | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

async function start(options: SimOptions = {}): Promise<OllamaSim> {
  sim = await startOllamaSim({ models: ['gpt-oss:120b-cloud', 'llama3'], reply: 'ok', ...options })
  return sim
}
const chat = (s: OllamaSim, model: string) =>
  post(s, '/api/chat', { model, messages: [{ role: 'user', content: 'hi' }], stream: false })
const generate = (s: OllamaSim, model: string) => post(s, '/api/generate', { model, prompt: 'hi', stream: false })

describe('cloud models', () => {
  it('answer when signed in (the default)', async () => {
    const s = await start()
    expect((await chat(s, 'gpt-oss:120b-cloud')).status).toBe(200)
  })

  it('answer 401 with a sign-in URL when signed out, for chat and generate, installed or not', async () => {
    const s = await start({ cloudAuth: 'signed-out' })
    const expected = { status: 401, json: { error: 'unauthorized', signin_url: signinUrl() } }
    expect(await chat(s, 'gpt-oss:120b-cloud')).toMatchObject(expected)
    expect(await generate(s, 'gpt-oss:120b-cloud')).toMatchObject(expected)
    expect(await chat(s, 'qwen3-coder:480b-cloud')).toMatchObject(expected)
    expect(Object.keys((await chat(s, 'gpt-oss:120b-cloud')).json as object)).toEqual(['error', 'signin_url'])
    expect((await chat(s, 'llama3')).status).toBe(200)
  })

  it('answer 403 with the disabled message when cloud is disabled', async () => {
    const s = await start({ cloudAuth: 'disabled' })
    const expected = { status: 403, json: { error: 'ollama cloud is disabled: remote model is unavailable' } }
    expect(await chat(s, 'gpt-oss:120b-cloud')).toMatchObject(expected)
    expect(await generate(s, 'gpt-oss:120b-cloud')).toMatchObject(expected)
    expect((await generate(s, 'llama3')).status).toBe(200)
  })

  it('follow configure({ cloudAuth })', async () => {
    const s = await start()
    s.configure({ cloudAuth: 'signed-out' })
    expect((await chat(s, 'gpt-oss:120b-cloud')).status).toBe(401)
    s.configure({ cloudAuth: 'disabled' })
    expect((await chat(s, 'gpt-oss:120b-cloud')).status).toBe(403)
    s.configure({ cloudAuth: 'signed-in' })
    expect((await chat(s, 'gpt-oss:120b-cloud')).status).toBe(200)
  })

  it('are not found when addressed with :local', async () => {
    const s = await start({ cloudAuth: 'disabled' })
    expect(await chat(s, 'gpt-oss:120b-cloud:local')).toMatchObject({
      status: 404,
      json: { error: "model 'gpt-oss:120b-cloud:local' not found" },
    })
  })
})

describe('signinUrl', () => {
  it('has the connect URL format with the host name and an unpadded base64url ssh-ed25519 key', () => {
    const url = new URL(signinUrl())
    expect(`${url.origin}${url.pathname}`).toBe('https://ollama.com/connect')
    expect(url.searchParams.get('name')).toBe(hostname())
    const key = url.searchParams.get('key') ?? ''
    expect(key).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(Buffer.from(key, 'base64url').toString()).toMatch(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]+=?$/)
    expect(signinUrl('my host/1')).toMatch(/^https:\/\/ollama\.com\/connect\?name=my%20host%2F1&key=/)
  })
})

describe('isCloudRef', () => {
  it('follows modelref: a :cloud part or a tag ending in -cloud', () => {
    expect(isCloudRef('gpt-oss:120b-cloud')).toBe(true)
    expect(isCloudRef('kimi-k2:cloud')).toBe(true)
    expect(isCloudRef(' Qwen3:CLOUD ')).toBe(true)
    expect(isCloudRef('llama3')).toBe(false)
    expect(isCloudRef('gpt-oss:120b-cloud:local')).toBe(false)
    expect(isCloudRef('registry.example.com:5000/x-cloud')).toBe(false)
  })
})
