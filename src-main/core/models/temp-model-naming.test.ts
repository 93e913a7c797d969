import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { InvalidModelNameError, NotApplicableError } from '../ollama/errors'
import { canonicalModelName, isCloudModelName, isTempModelName, parseModelName } from '../ollama/model-name'
import { getTempModelName, getTempModelPath, tempModelApplies, tempModelNumCtx } from './temp-model-naming'
import { asNumCtx } from '../../test-support/num-ctx'

const hash16 = (canonical: string) => createHash('sha256').update(canonical).digest('hex').slice(0, 16)
const model80 = `m${'x'.repeat(79)}`

describe('getTempModelName / getTempModelPath', () => {
  it('keeps the original plan for llama3 at 4096', () => {
    expect(getTempModelName('llama3', asNumCtx(4096))).toBe('llama3-oc4096')
    expect(getTempModelPath(getTempModelName('llama3', asNumCtx(4096)))).toBe('ollmchat-temp/llama3-oc4096')
  })

  it.each([
    ['llama3', 4096, 'llama3-oc4096'],
    ['llama3:latest', 4096, 'llama3-oc4096'],
    ['Llama3', 4096, 'llama3-oc4096'],
    ['library/llama3', 4096, 'llama3-oc4096'],
    ['registry.ollama.ai/library/llama3:latest', 4096, 'llama3-oc4096'],
    ['llama3:local', 4096, 'llama3-oc4096'],
    ['llama3', 16384, 'llama3-oc16384'],
    ['llama3:8b', 4096, `llama3-oc4096:8b-${hash16('registry.ollama.ai/library/llama3:8b')}`],
    ['llama3:70b', 4096, `llama3-oc4096:70b-${hash16('registry.ollama.ai/library/llama3:70b')}`],
    ['user/llama3', 4096, `user-llama3-oc4096:latest-${hash16('registry.ollama.ai/user/llama3:latest')}`],
    [
      'hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M',
      8192,
      `bartowski-llama-3.2-1b-instruct-gguf-oc8192:q4_k_m-${hash16('hf.co/bartowski/llama-3.2-1b-instruct-gguf:q4_k_m')}`,
    ],
    [model80, 4096, `${model80.slice(0, 73)}-oc4096:latest-${hash16(`registry.ollama.ai/library/${model80}:latest`)}`],
    ['qwen3:8b', 1_048_576, `qwen3-oc1048576:8b-${hash16('registry.ollama.ai/library/qwen3:8b')}`],
  ])('%j at %i → %j', (base, ctx, name) => {
    expect(getTempModelName(base, asNumCtx(ctx))).toBe(name)
  })

  it('keeps a 76-character library model in the plain form, and switches to the hashed form past 80', () => {
    const m76 = `a${'b'.repeat(72)}`
    expect(getTempModelName(m76, asNumCtx(4096))).toBe(`${m76}-oc4096`)
    expect(getTempModelName(`${m76}c`, asNumCtx(4096))).toMatch(/-oc4096:latest-[0-9a-f]{16}$/)
  })

  it('refuses cloud models with NOT_APPLICABLE and says why', () => {
    for (const base of ['gpt-oss:120b-cloud', 'kimi-k2:cloud', 'qwen3:480b:cloud']) {
      expect(tempModelApplies(base)).toBe(false)
      expect(() => getTempModelName(base, asNumCtx(4096))).toThrow(NotApplicableError)
      expect(() => getTempModelName(base, asNumCtx(4096))).toThrow(/cloud models.*ollama\.com/)
    }
    expect(tempModelApplies('llama3')).toBe(true)
  })

  // Context lengths that are not whole numbers in bounds cannot reach it: `NumCtx` is made by `parseNumCtx` only
  // (its refusals are in src-shared/num-ctx.test.ts).
  it('refuses invalid names and temporary models', () => {
    expect(() => getTempModelName('bad name', asNumCtx(4096))).toThrow(InvalidModelNameError)
    expect(() => getTempModelName('ollmchat-temp/llama3-oc4096', asNumCtx(8192))).toThrow(NotApplicableError)
  })

  it('reads the context length back from the name', () => {
    expect(tempModelNumCtx('ollmchat-temp/llama3-oc4096')).toBe(4096)
    expect(tempModelNumCtx('ollmchat-temp/llama3-oc4096:latest')).toBe(4096)
    expect(tempModelNumCtx(getTempModelPath(getTempModelName('hf.co/u/r:Q4', asNumCtx(65536))))).toBe(65536)
    expect(tempModelNumCtx('ollmchat-temp/llama3:latest-ctx64K')).toBeNull()
    expect(tempModelNumCtx('ollmchat-temp/llama3-oc0')).toBeNull()
  })
})

describe('temp naming properties over a generated set', () => {
  const hosts = ['', 'registry.ollama.ai/', 'hf.co/', 'my-reg.example:5000/', 'REGISTRY.OLLAMA.AI/']
  const namespaces = ['', 'library/', 'user/', 'Bartowski/', 'a_b-c/']
  const models = [
    'llama3',
    'Llama3',
    'llama3-oc4096',
    'qwen2.5-coder',
    'x',
    model80,
    `${model80.slice(0, 70)}`,
    '_m',
    'm.1',
  ]
  const tags = ['', ':latest', ':8b', ':70b', ':Q4_K_M', ':8b-oc1', `:${'t'.repeat(80)}`, ':LATEST']
  const contexts = [512, 2048, 4096, 8192, 40960, 131072, 1_048_576]

  const bases: string[] = []
  for (const host of hosts) {
    for (const namespace of namespaces) {
      // A host needs an explicit namespace once it carries a port; skip spellings Ollama refuses.
      if (host !== '' && namespace === '') continue
      for (const model of models) for (const tag of tags) bases.push(`${host}${namespace}${model}${tag}`)
    }
  }

  it('generates a large set of valid bases', () => {
    expect(bases.length).toBeGreaterThan(1000)
    for (const base of bases) expect(parseModelName(base), base).not.toBeNull()
  })

  it('produces only valid, lowercase, non-cloud temporary names that keep their context', () => {
    for (const base of bases) {
      for (const ctx of contexts) {
        const path = getTempModelPath(getTempModelName(base, asNumCtx(ctx)))
        const parts = parseModelName(path)
        expect(parts, path).not.toBeNull()
        if (parts === null) continue
        expect(path).toBe(path.toLowerCase())
        expect(parts.namespace).toBe('ollmchat-temp')
        expect(parts.host).toBe('registry.ollama.ai')
        expect(parts.model.length).toBeLessThanOrEqual(80)
        expect(parts.tag.length).toBeLessThanOrEqual(80)
        expect(isCloudModelName(path)).toBe(false)
        expect(['cloud', 'local']).not.toContain(parts.tag)
        expect(isTempModelName(path)).toBe(true)
        expect(parts.model).toContain(`-oc${ctx}`)
        expect(tempModelNumCtx(path)).toBe(ctx)
      }
    }
  })

  it('maps two bases to one temp model only when Ollama treats them as one model', () => {
    const owner = new Map<string, string>()
    for (const base of bases) {
      for (const ctx of contexts) {
        const key = `${canonicalModelName(base)}@${ctx}`
        const path = canonicalModelName(getTempModelPath(getTempModelName(base, asNumCtx(ctx))))
        const previous = owner.get(path)
        if (previous === undefined) owner.set(path, key)
        else expect(previous, `${base} at ${ctx} collides`).toBe(key)
      }
    }
    const distinctKeys = new Set(bases.flatMap((b) => contexts.map((c) => `${canonicalModelName(b)}@${c}`)))
    expect(owner.size).toBe(distinctKeys.size)
  })

  it('is deterministic', () => {
    for (const base of bases.slice(0, 200))
      expect(getTempModelName(base, asNumCtx(4096))).toBe(getTempModelName(base, asNumCtx(4096)))
  })
})
