import { describe, expect, it } from 'vitest'
import { readKvShape } from '../ollama/show-model-info'
import { raiseTarget } from './raise-target'

describe('raiseTarget', () => {
  it('says "An 8K context would not fit" with the right article when the next step would not fit in memory', () => {
    const kvShape = readKvShape(
      {
        'llama.block_count': 32,
        'llama.attention.head_count': 32,
        'llama.attention.head_count_kv': 8,
        'llama.embedding_length': 4096,
      },
      'llama',
    )
    // Any load at all ran out of memory on this host: the next step up (8K) is not offered, and the notice says so.
    const target = raiseTarget('llama3:latest', 4096, {
      weightsBytes: 4.5 * 1024 ** 3,
      kvShape,
      trainedContext: 131_072,
      outOfMemoryFloor: 1,
      neededTokens: 0,
    })
    expect(target.blockedReason ?? '').toMatch(/^An 8K context would not fit in memory/)
  })
})
