import { describe, expect, it } from 'vitest'
import { InvalidModelNameError } from './errors'
import {
  canonicalModelName,
  displayModelName,
  isCloudModelName,
  isTempModelName,
  modelKey,
  parseModelName,
  sameModel,
} from './model-name'

describe('parseModelName', () => {
  it.each([
    ['llama3', 'registry.ollama.ai', 'library', 'llama3', 'latest'],
    ['llama3:8b-instruct-q4_0', 'registry.ollama.ai', 'library', 'llama3', '8b-instruct-q4_0'],
    ['user/model', 'registry.ollama.ai', 'user', 'model', 'latest'],
    ['hf.co/user/repo:Q4_K_M', 'hf.co', 'user', 'repo', 'Q4_K_M'],
    ['https://hf.co/user/repo:Q4_K_M', 'hf.co', 'user', 'repo', 'Q4_K_M'],
    ['myreg:5000/ns/model', 'myreg:5000', 'ns', 'model', 'latest'],
    ['  llama3:8b \n', 'registry.ollama.ai', 'library', 'llama3', '8b'],
    ['Llama3', 'registry.ollama.ai', 'library', 'Llama3', 'latest'],
    ['ollmchat-temp/llama3-oc4096', 'registry.ollama.ai', 'ollmchat-temp', 'llama3-oc4096', 'latest'],
    ['_x/_y:_z', 'registry.ollama.ai', '_x', '_y', '_z'],
  ])('parses %j', (name, host, namespace, model, tag) => {
    expect(parseModelName(name)).toMatchObject({ host, namespace, model, tag })
  })

  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['llama3:', 'empty tag'],
    ['/llama3', 'empty namespace'],
    ['user/', 'empty model'],
    ['a//b', 'empty namespace in the middle'],
    ['myreg:5000/model', 'host with a port needs a namespace (":" is not allowed in a namespace)'],
    ['my.ns/model', 'dot in namespace'],
    ['-model', 'first character must be alphanumeric or underscore'],
    ['model:-tag', 'tag first character'],
    ['mödel', 'non-ASCII'],
    ['mo del', 'space inside'],
    ['ollmchat-temp/hf.co/u/r:t', 'a full name nested in another (slash in host)'],
    ['a'.repeat(81), 'model part over 80 bytes'],
    [`m:${'t'.repeat(81)}`, 'tag over 80 bytes'],
    [`${'n'.repeat(81)}/m`, 'namespace over 80 bytes'],
    [`${'h'.repeat(351)}/n/m`, 'host over 350 bytes'],
    ['llama3:cloud:local', 'both source selectors'],
    ['model:tag:extra/x', 'colon in model part'],
  ])('refuses %j (%s)', (name) => {
    expect(parseModelName(name)).toBeNull()
  })

  it('accepts the longest parts Ollama accepts', () => {
    expect(parseModelName(`${'h'.repeat(350)}/${'n'.repeat(80)}/${'m'.repeat(80)}:${'t'.repeat(80)}`)).not.toBeNull()
  })

  it('reads source selectors the way modelref does', () => {
    expect(parseModelName('llama3:local')).toMatchObject({ model: 'llama3', tag: 'latest', source: 'local' })
    expect(parseModelName('llama3:8b:LOCAL')).toMatchObject({ model: 'llama3', tag: '8b', source: 'local' })
    expect(parseModelName('gpt-oss:120b-cloud')).toMatchObject({ model: 'gpt-oss', tag: '120b-cloud', source: 'cloud' })
    expect(parseModelName('gpt-oss:120b:cloud')).toMatchObject({ model: 'gpt-oss', tag: '120b-cloud', source: 'cloud' })
    expect(parseModelName('kimi-k2:cloud')).toMatchObject({ model: 'kimi-k2', tag: 'cloud', source: 'cloud' })
    expect(parseModelName('llama3')).toMatchObject({ source: 'unspecified' })
  })
})

describe('canonicalModelName', () => {
  it.each([
    ['llama3', 'registry.ollama.ai/library/llama3:latest'],
    ['Llama3:LATEST', 'registry.ollama.ai/library/llama3:latest'],
    ['library/llama3', 'registry.ollama.ai/library/llama3:latest'],
    ['registry.ollama.ai/library/llama3:latest', 'registry.ollama.ai/library/llama3:latest'],
    ['llama3:local', 'registry.ollama.ai/library/llama3:latest'],
    ['hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M', 'hf.co/bartowski/llama-3.2-1b-instruct-gguf:q4_k_m'],
  ])('%j → %j', (name, canonical) => {
    expect(canonicalModelName(name)).toBe(canonical)
  })

  it('throws a typed error for names Ollama refuses', () => {
    expect(() => canonicalModelName('bad name')).toThrow(InvalidModelNameError)
    try {
      canonicalModelName('a//b')
    } catch (e) {
      expect(e).toMatchObject({ code: 'INVALID_INPUT', modelName: 'a//b' })
    }
  })
})

describe('displayModelName', () => {
  it.each([
    ['llama3', 'llama3:latest'],
    ['registry.ollama.ai/library/llama3:latest', 'llama3:latest'],
    ['user/model', 'user/model:latest'],
    ['hf.co/user/repo:Q4_K_M', 'hf.co/user/repo:Q4_K_M'],
    ['hf.co/library/repo', 'hf.co/library/repo:latest'],
    ['ollmchat-temp/llama3-oc4096', 'ollmchat-temp/llama3-oc4096:latest'],
  ])('%j lists as %j', (name, shown) => {
    const parts = parseModelName(name)
    expect(parts).not.toBeNull()
    if (parts) expect(displayModelName(parts)).toBe(shown)
  })
})

describe('modelKey', () => {
  it.each([
    ['Llama3', 'registry.ollama.ai/library/llama3:latest'],
    [' llama3:8B ', 'registry.ollama.ai/library/llama3:8b'],
    ['hf.co/U/R:Q4', 'hf.co/u/r:q4'],
    // Names Ollama would refuse still get a key, so nothing keyed by model can throw.
    ['  Bad Name ', 'bad name'],
  ])('%j → %j', (name, key) => {
    expect(modelKey(name)).toBe(key)
  })
})

describe('sameModel', () => {
  it.each([
    ['llama3', 'llama3:latest', true],
    ['llama3', 'LLAMA3', true],
    ['llama3', 'library/llama3', true],
    ['llama3', 'registry.ollama.ai/library/llama3:latest', true],
    ['llama3', ' llama3 ', true],
    ['llama3:8b', 'llama3:70b', false],
    ['llama3', 'user/llama3', false],
    ['hf.co/u/r:Q4', 'hf.co/U/R:q4', true],
    ['hf.co/u/r', 'other.co/u/r', false],
    ['bad name', 'BAD NAME', true],
    ['bad name', 'llama3', false],
  ])('%j vs %j → %s', (a, b, same) => {
    expect(sameModel(a, b)).toBe(same)
  })
})

describe('isTempModelName', () => {
  it.each([
    ['ollmchat-temp/llama3-oc4096', true],
    ['ollmchat-temp/llama3-oc4096:latest', true],
    ['OLLMCHAT-TEMP/Llama3-oc4096', true],
    ['ollmchat-temp/user/llama3:latest-ctx64K', true],
    ['registry.ollama.ai/ollmchat-temp/x:latest', true],
    ['  ollmchat-temp/x', true],
    ['llama3', false],
    ['ollmchat-tempx/llama3', false],
    ['user/ollmchat-temp', false],
    // Pulled from another registry, never made by ollmchat: listed, and never deleted by the clean-up.
    ['other.host/ollmchat-temp/x', false],
  ])('%j → %s', (name, temp) => {
    expect(isTempModelName(name)).toBe(temp)
  })
})

describe('isCloudModelName', () => {
  it.each([
    ['gpt-oss:120b-cloud', true],
    ['kimi-k2:cloud', true],
    ['qwen3:480b:CLOUD', true],
    ['gpt-oss:120b-Cloud', true],
    ['llama3', false],
    ['llama3:local', false],
    ['llama3:cloud:local', false],
    ['cloud/llama3', false],
    ['llama3:cloudy', false],
    ['my-cloud', false],
  ])('%j → %s', (name, cloud) => {
    expect(isCloudModelName(name)).toBe(cloud)
  })
})
