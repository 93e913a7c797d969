import { describe, expect, it } from 'vitest'
import { DEFAULT_OLLAMA_HOST, describeHostSource, normalizeOllamaHost, readOllamaHost, resolveOllamaHost } from './host'

describe('normalizeOllamaHost (Ollama envconfig rules, client side)', () => {
  it.each([
    ['localhost', 'http://localhost:11434'],
    ['example.com', 'http://example.com:11434'],
    ['127.0.0.1', 'http://127.0.0.1:11434'],
    ['127.0.0.1:5000', 'http://127.0.0.1:5000'],
    [':5000', 'http://127.0.0.1:5000'],
    ['0.0.0.0', 'http://127.0.0.1:11434'],
    ['0.0.0.0:8080', 'http://127.0.0.1:8080'],
    ['::', 'http://[::1]:11434'],
    ['[::]:9000', 'http://[::1]:9000'],
    ['::1', 'http://[::1]:11434'],
    ['[::1]', 'http://[::1]:11434'],
    ['[::1]:8080', 'http://[::1]:8080'],
    ['http://localhost', 'http://localhost:80'],
    ['https://example.com', 'https://example.com:443'],
    ['HTTPS://example.com', 'https://example.com:443'],
    ['http://example.com:8080', 'http://example.com:8080'],
    ['https://example.com:8443/ollama', 'https://example.com:8443/ollama'],
    ['example.com/proxy/ollama/', 'http://example.com:11434/proxy/ollama'],
    ['http://example.com/', 'http://example.com:80'],
    ['"localhost:1234"', 'http://localhost:1234'],
    ["  'localhost'  ", 'http://localhost:11434'],
    ['localhost:99999', 'http://localhost:11434'],
    ['localhost:abc', 'http://localhost:11434'],
    ['http://localhost:', 'http://localhost:80'],
    ['ollama.com', 'https://ollama.com:443'],
    ['HTTP://Example.COM:8080/Proxy', 'http://example.com:8080/Proxy'],
    ['fe80::1', 'http://[fe80::1]:11434'],
    // Go's ParseInt, as Ollama reads the port: leading zeros and a plus sign are fine.
    ['localhost:011434', 'http://localhost:11434'],
    ['localhost:+8080', 'http://localhost:8080'],
    ['localhost:-1', 'http://localhost:11434'],
  ])('%j → %j', (value, url) => {
    expect(normalizeOllamaHost(value)).toBe(url)
  })

  it.each([
    [''],
    ['   '],
    ['""'],
    ['ftp://example.com'],
    ['unix:///run/ollama.sock'],
    ['http://exa mple.com'],
    ['http://user:pw@example.com'],
  ])('refuses %j', (value) => {
    expect(normalizeOllamaHost(value)).toBeNull()
  })
})

describe('readOllamaHost', () => {
  it('reports where the rules substituted something', () => {
    expect(readOllamaHost('localhost:99999')).toEqual({
      ok: true,
      url: 'http://localhost:11434',
      port: 11434,
      invalidPort: '99999',
      hostMissing: false,
    })
    expect(readOllamaHost('http://localhost:')).toMatchObject({ ok: true, url: 'http://localhost:80', invalidPort: '' })
    expect(readOllamaHost('http://')).toMatchObject({ ok: true, url: 'http://127.0.0.1:80', hostMissing: true })
    expect(readOllamaHost(':5000')).toEqual({
      ok: true,
      url: 'http://127.0.0.1:5000',
      port: 5000,
      invalidPort: null,
      hostMissing: false,
    })
    expect(readOllamaHost('::1')).toEqual({
      ok: true,
      url: 'http://[::1]:11434',
      port: 11434,
      invalidPort: null,
      hostMissing: false,
    })
    expect(readOllamaHost('localhost:0')).toMatchObject({ ok: true, port: 0, invalidPort: null })
  })

  it('says why a value is refused', () => {
    expect(readOllamaHost(' "" ')).toEqual({ ok: false, refusal: 'empty' })
    expect(readOllamaHost('ftp://example.com')).toEqual({ ok: false, refusal: 'scheme' })
    expect(readOllamaHost('user:pw@example.com')).toEqual({ ok: false, refusal: 'credentials' })
    expect(readOllamaHost('exa mple.com')).toEqual({ ok: false, refusal: 'invalid' })
  })
})

describe('describeHostSource / resolveOllamaHost', () => {
  it('prefers the app setting', () => {
    expect(describeHostSource('otherhost:1234', { OLLAMA_HOST: 'envhost' })).toEqual({
      url: 'http://otherhost:1234',
      source: 'setting',
      raw: 'otherhost:1234',
      warning: null,
    })
  })

  it('uses OLLAMA_HOST when the setting is empty', () => {
    expect(describeHostSource('  ', { OLLAMA_HOST: 'envhost' })).toMatchObject({
      url: 'http://envhost:11434',
      source: 'env',
    })
    expect(describeHostSource(null, { OLLAMA_HOST: '0.0.0.0' })).toMatchObject({
      url: 'http://127.0.0.1:11434',
      source: 'env',
    })
  })

  it('falls back to the default, with a warning naming what was skipped', () => {
    expect(describeHostSource(undefined, {})).toEqual({
      url: DEFAULT_OLLAMA_HOST,
      source: 'default',
      raw: null,
      warning: null,
    })
    const resolved = describeHostSource('ftp://nope', { OLLAMA_HOST: 'ftp://also-nope' })
    expect(resolved.url).toBe(DEFAULT_OLLAMA_HOST)
    expect(resolved.source).toBe('default')
    expect(resolved.warning).toContain('ftp://nope')
    expect(resolved.warning).toContain('OLLAMA_HOST')
  })

  it('reads process.env by default and always returns an explicit port', () => {
    const saved = process.env['OLLAMA_HOST']
    process.env['OLLAMA_HOST'] = 'https://proc-env.example'
    try {
      expect(resolveOllamaHost(null)).toBe('https://proc-env.example:443')
    } finally {
      if (saved === undefined) delete process.env['OLLAMA_HOST']
      else process.env['OLLAMA_HOST'] = saved
    }
  })
})
