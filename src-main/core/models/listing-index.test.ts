// "The first model with this name or digest": one rule for the listing (a runner's entry) and for `/api/ps` (a
// temporary model's own runner), each answering as a scan in Ollama's order would.
import { describe, expect, it } from 'vitest'
import type { ListedModel, RunningModel } from '../ollama/types'
import { ListingIndex, NameDigestIndex } from './listing-index'
import { tempInUseReason } from './temp-model-usage'

const runner = (name: string, digest: string): RunningModel => ({
  name,
  digest,
  contextLength: 4096,
  expiresAt: '',
  sizeBytes: 1,
  sizeVram: 1,
})

const listed = (name: string, digest: string, parentModel = ''): ListedModel => ({
  name,
  digest,
  parentModel,
  sizeBytes: 1,
  modifiedAt: '2026-05-01T10:00:00Z',
  format: 'gguf',
  family: null,
  families: [],
  parameterSize: null,
  quantization: null,
  contextLength: null,
  capabilities: [],
  isRemote: false,
})

describe('NameDigestIndex', () => {
  const index = new NameDigestIndex([
    runner('a:latest', 'd1'),
    runner('b:latest', 'd2'),
    runner('c:latest', 'd1'),
    runner('A', 'd3'),
  ])

  it('finds the first by name as Ollama reads names, or by digest, the earlier of the two winning', () => {
    expect(index.first('registry.ollama.ai/library/A:latest', null)?.digest).toBe('d1')
    expect(index.first('b', 'd1')?.name).toBe('a:latest')
    expect(index.first('a', 'd2')?.name).toBe('a:latest')
    expect(index.first('zzz', 'd2')?.name).toBe('b:latest')
    expect(index.first('zzz', null)).toBeUndefined()
    expect(index.byName('C')?.name).toBe('c:latest')
  })

  it("is the rule of the listing (a runner's entry) and of /api/ps (a temporary model's own runner)", () => {
    const listing = new ListingIndex([
      listed('other:latest', 'd1', 'llama3:latest'),
      listed('ollmchat-temp/x:latest', 'd9'),
    ])
    expect(listing.ofRunner(runner('ollmchat-temp/x', 'd1'))?.name).toBe('other:latest')
    expect(listing.parentOf(runner('ollmchat-temp/x', 'd1'))).toBe('llama3:latest')
    const running = [runner('other:latest', 'd9'), runner('ollmchat-temp/x:latest', 'd8')]
    expect(
      tempInUseReason({ name: 'ollmchat-temp/x', digest: 'd9', parentModel: null, numCtx: null }, running, null),
    ).toBe('loaded in Ollama as other:latest')
    expect(
      tempInUseReason({ name: 'ollmchat-temp/x', digest: '', parentModel: null, numCtx: null }, running, null),
    ).toBe('loaded in Ollama as ollmchat-temp/x:latest')
  })
})
