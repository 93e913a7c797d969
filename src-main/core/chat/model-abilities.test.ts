import { describe, expect, it } from 'vitest'
import type { ListedModel } from '../ollama/types'
import { abilitiesOf, thinkToSend } from './model-abilities'

const listed = (capabilities: string[], family = 'llama'): ListedModel => ({
  name: 'm:latest',
  digest: 'd',
  sizeBytes: 1,
  modifiedAt: '2026-01-01T00:00:00Z',
  parentModel: '',
  format: 'gguf',
  family,
  families: [family],
  parameterSize: '8B',
  quantization: 'Q4_0',
  contextLength: null,
  capabilities,
  isRemote: false,
})

describe('abilitiesOf', () => {
  it('knows nothing when no capability was ever named (an Ollama before 0.30 and no /api/show read): nothing is dropped', () => {
    expect(abilitiesOf({ listed: listed([]), shown: null })).toBeNull()
    expect(thinkToSend(true, abilitiesOf({ listed: listed([]), shown: null }))).toBe(true)
  })

  it('reads vision and thinking from the listing', () => {
    expect(abilitiesOf({ listed: listed(['completion', 'vision']), shown: null })).toMatchObject({
      readsImages: true,
      think: 'none',
    })
    expect(thinkToSend(true, abilitiesOf({ listed: listed(['completion']), shown: null }))).toBeNull()
  })
})
