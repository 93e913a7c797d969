// The one temporary-model rule (`isTempModelName`, src-shared/model-name.ts), checked against Ollama's own name
// parsing as the simulator implements it independently (tools/ollama-sim/names.ts, from `types/model/name.go`
// `ParseName` and `IsValid`): across thousands of names, ollmchat calls a model temporary exactly when Ollama would
// file it under registry.ollama.ai/ollmchat-temp/. The one deliberate extra: any name starting `ollmchat-temp/`,
// which older clients wrote with ollmchat-temp in the host's place, counts as temporary too.
import { describe, expect, it } from 'vitest'
import { isTempModelName } from '../../../src-shared/model-name'
import { parseValidName } from '../../../tools/ollama-sim/names'

const HOSTS = [
  '',
  'registry.ollama.ai',
  'REGISTRY.Ollama.AI',
  'https://registry.ollama.ai',
  'http://registry.ollama.ai',
  'other.host',
  'localhost:11434',
  'ollmchat-temp',
]
const NAMESPACES = ['', 'ollmchat-temp', 'OLLMCHAT-Temp', 'library', 'user', 'ollmchat-tempx', 'x-ollmchat-temp']
const MODELS = ['llama3', 'Llama3-oc4096', 'a.b_c-d', 'x', '']
const TAGS = ['', 'latest', 'q4_0', '8b-oc2048']
const STRAY = ['/', ':', '//', '://', '.', '-', '_', 'ollmchat-temp/', 'é']

/** Ollama's answer: the name is valid and lands in the ollmchat-temp namespace of Ollama's own registry. */
function ollamaFilesAsTemp(name: string): boolean {
  const parsed = parseValidName(name)
  return (
    parsed !== undefined &&
    parsed.host.toLowerCase() === 'registry.ollama.ai' &&
    parsed.namespace.toLowerCase() === 'ollmchat-temp'
  )
}

function composed(host: string, namespace: string, model: string, tag: string): string {
  const path = [host, namespace, model].filter((part, i) => part !== '' || i === 2).join('/')
  return tag === '' ? path : `${path}:${tag}`
}

/** A seeded generator, so every run checks the same names and a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}

function names(): string[] {
  const all: string[] = []
  for (const host of HOSTS)
    for (const namespace of NAMESPACES)
      for (const model of MODELS) for (const tag of TAGS) all.push(composed(host, namespace, model, tag))
  const random = seeded(20_261_206)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  for (const base of [...all]) {
    // A stray separator or character at a random place: the names people mistype and proxies mangle.
    const at = Math.floor(random() * (base.length + 1))
    all.push(`${base.slice(0, at)}${pick(STRAY)}${base.slice(at)}`)
  }
  return [...new Set(all)]
}

describe('the temporary-model rule against Ollama’s name parsing', () => {
  const cases = names()

  it(`agrees with Ollama on ${cases.length.toLocaleString('en-US')} names`, () => {
    const disagreements = cases.filter((name) => {
      const oldClientForm = name.toLowerCase().startsWith('ollmchat-temp/')
      return oldClientForm ? !isTempModelName(name) : isTempModelName(name) !== ollamaFilesAsTemp(name)
    })
    expect(disagreements).toEqual([])
    expect(cases.filter(ollamaFilesAsTemp).length, 'the generated names include temporary ones').toBeGreaterThan(100)
  })

  it('settles the two names the window and main once read differently', () => {
    expect(isTempModelName('https://registry.ollama.ai/ollmchat-temp/x')).toBe(
      ollamaFilesAsTemp('https://registry.ollama.ai/ollmchat-temp/x'),
    )
    expect(isTempModelName('registry.ollama.ai/ollmchat-temp/')).toBe(
      ollamaFilesAsTemp('registry.ollama.ai/ollmchat-temp/'),
    )
  })
})
