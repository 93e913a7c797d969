import { describe, expect, it } from 'vitest'
import { storedMessage } from '../../test-support/stored-message'
import { estimatePrompt, promptParts } from '../context/prompt-estimate'
import { promptEntries } from './conversation-text'

const png = { position: 0, mime: 'image/png', bytes: 70 }
const withImages = storedMessage({
  id: 'u1',
  role: 'user',
  content: 'What is this?',
  images: [png, { ...png, position: 1 }],
})
const reply = storedMessage({ id: 'a1', role: 'assistant', content: 'A cat.' })
const plain = storedMessage({ id: 'u2', role: 'user', content: 'And this?' })
const readImages = (id: string) => (id === 'u1' ? ['aW1hZ2Ux', 'aW1hZ2Uy'] : [])

describe('the prompt with images', () => {
  it('carries each user message its images as base64, and asks only for messages that have some', () => {
    const asked: string[] = []
    const entries = promptEntries('Be brief.', [withImages, reply, plain], (id) => {
      asked.push(id)
      return readImages(id)
    })
    expect(entries.map((entry) => entry.message)).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'What is this?', images: ['aW1hZ2Ux', 'aW1hZ2Uy'] },
      { role: 'assistant', content: 'A cat.' },
      { role: 'user', content: 'And this?' },
    ])
    expect(asked).toEqual(['u1'])
  })

  it('counts 768 tokens for each image in the estimate, with room for the projector counting otherwise', () => {
    const estimate = (images: boolean) => {
      const entries = promptEntries('', [images ? withImages : { ...withImages, images: [] }], readImages)
      return estimatePrompt(promptParts(entries, null))
    }
    const withTwo = estimate(true)
    const without = estimate(false)
    expect(withTwo.expected - without.expected).toBe(2 * 768)
    expect(withTwo.uncertainty - without.uncertainty).toBeGreaterThanOrEqual(2 * 500)
  })
})
