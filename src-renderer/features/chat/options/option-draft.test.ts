import { describe, expect, it } from 'vitest'
import { modelOwnOptions } from '../../../../src-shared/conversation-options'
import { draftFrom, EMPTY_DRAFT, readDraft } from './option-draft'

const own = modelOwnOptions({ temperature: 0.6, top_k: 20, stop: ['<|im_end|>'] })

describe('the options form draft', () => {
  it('round-trips stored options through the fields', () => {
    const options = { temperature: 0.3, seed: 42, stop: ['END', '###'] }
    expect(readDraft(draftFrom(options), own)).toEqual({ ok: true, options })
  })

  it("keeps only values that differ from the model's own, and empty fields mean the model's own", () => {
    expect(readDraft({ ...EMPTY_DRAFT, temperature: '0.6', top_k: '10' }, own)).toEqual({
      ok: true,
      options: { top_k: 10 },
    })
    expect(readDraft({ ...EMPTY_DRAFT, stop: '<|im_end|>' }, own)).toEqual({ ok: true, options: {} })
    expect(readDraft(EMPTY_DRAFT, own)).toEqual({ ok: true, options: {} })
  })

  it('refuses invalid values with the shared sentence, field by field', () => {
    const reading = readDraft(
      { ...EMPTY_DRAFT, temperature: '2.5', top_k: '1.5', seed: 'abc', stop: 'x'.repeat(201) },
      own,
    )
    expect(reading).toEqual({
      ok: false,
      errors: {
        temperature: 'Temperature must be a number from 0 to 2.',
        top_k: 'Top K must be a whole number from 0 to 1,000.',
        seed: 'Seed must be a whole number from -1 to 4,294,967,295.',
        stop: 'A stop sequence can be at most 200 characters long.',
      },
    })
  })
})
