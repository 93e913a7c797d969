import { describe, expect, it } from 'vitest'
import { parseBytes, parseCliArgs, parseHeader, USAGE } from './cli-args'

describe('parseCliArgs', () => {
  it('defaults to port 11434, the realistic model set, 25 ms tokens and a request log', () => {
    expect(parseCliArgs([])).toEqual({
      port: 11434,
      models: ['llama3.2:3b', 'qwen3:8b', 'gemma3:4b', 'mistral:7b'],
      tokenDelayMs: 25,
      quiet: false,
    })
  })

  it('reads every flag in both spellings', () => {
    expect(
      parseCliArgs(['--port', '0', '--host=0.0.0.0', '--models', 'a, b:1b', '--token-delay=5', '--load-delay', '100']),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      models: ['a', 'b:1b'],
      tokenDelayMs: 5,
      loadDelayMs: 100,
      quiet: false,
    })
  })

  it('reads the hardware, OLLAMA_CONTEXT_LENGTH and cloud flags', () => {
    expect(
      parseCliArgs(['--gpu-memory', '24G', '--system-memory=64GiB', '--context-length', '8192', '--cloud=signed-out']),
    ).toMatchObject({
      gpuMemoryBytes: 24 * 1024 ** 3,
      systemMemoryBytes: 64 * 1024 ** 3,
      contextLengthEnv: 8192,
      cloudAuth: 'signed-out',
    })
    expect(parseCliArgs(['--gpu-memory=0', '--cloud', 'disabled'])).toMatchObject({
      gpuMemoryBytes: 0,
      cloudAuth: 'disabled',
    })
    for (const flag of ['--gpu-memory', '--system-memory', '--context-length', '--cloud']) expect(USAGE).toContain(flag)
  })

  it('parses sizes as bytes or binary units', () => {
    expect(parseBytes('--x', '8589934592')).toBe(8 * 1024 ** 3)
    expect(parseBytes('--x', '1.5g')).toBe(1.5 * 1024 ** 3)
    expect(parseBytes('--x', '512M')).toBe(512 * 1024 ** 2)
    expect(parseBytes('--x', '2TB')).toBe(2 * 1024 ** 4)
    expect(() => parseBytes('--gpu-memory', 'lots')).toThrow('--gpu-memory needs a size in bytes')
    expect(() => parseBytes('--gpu-memory', undefined)).toThrow('--gpu-memory needs a size')
  })

  it('rejects an unknown cloud state and a bad context length', () => {
    expect(() => parseCliArgs(['--cloud', 'maybe'])).toThrow('--cloud needs one of signed-in, signed-out, disabled')
    expect(() => parseCliArgs(['--context-length', '-1'])).toThrow('--context-length needs a non-negative number')
  })

  it('reads the pull, registry, disk, proxy and version flags', () => {
    const argv = [
      '--pull-speed',
      '50M',
      '--registry=offline',
      '--registry-latency',
      '150',
      '--disk-free',
      '10G',
      '--require-header',
      'Authorization: Bearer x=y',
      '--require-header=X-Api-Key:k1',
      '--ollama-version',
      '0.5.4',
    ]
    expect(parseCliArgs(argv)).toMatchObject({
      pullBytesPerSecond: 50 * 1024 ** 2,
      registryStatus: 'offline',
      registryLatencyMs: 150,
      diskFreeBytes: 10 * 1024 ** 3,
      requiredHeaders: { Authorization: 'Bearer x=y', 'X-Api-Key': 'k1' },
      version: '0.5.4',
    })
    for (const flag of [
      '--pull-speed',
      '--registry',
      '--registry-latency',
      '--disk-free',
      '--require-header',
      '--ollama-version',
    ]) {
      expect(USAGE).toContain(flag)
    }
  })

  it('rejects a bad registry state, header or speed without echoing a header value', () => {
    expect(() => parseCliArgs(['--registry', 'flaky'])).toThrow('--registry needs one of online, offline')
    expect(() => parseCliArgs(['--pull-speed', 'fast'])).toThrow('--pull-speed needs a size in bytes')
    expect(() => parseCliArgs(['--ollama-version', ' '])).toThrow('--ollama-version needs a value')
    for (const bad of ['no-colon-secret', ': secret', 'Bad Name: secret']) {
      expect(() => parseHeader('--require-header', bad)).toThrow("--require-header needs 'Name: value'")
      expect(() => parseHeader('--require-header', bad)).not.toThrow(/secret/)
    }
    expect(parseHeader('--require-header', 'Authorization:   Basic dXNlcjpwdw==  ')).toEqual([
      'Authorization',
      'Basic dXNlcjpwdw==',
    ])
  })

  it('accepts an empty model list', () => {
    expect(parseCliArgs(['--models='])).toMatchObject({ models: [] })
  })

  it('returns help and rejects bad input', () => {
    expect(parseCliArgs(['--help'])).toBe('help')
    expect(() => parseCliArgs(['--port', 'x'])).toThrow('--port needs a non-negative number')
    expect(() => parseCliArgs(['--bogus'])).toThrow('unknown option --bogus')
  })
})
