import { describe, expect, it } from 'vitest'
import { MAX_IMAGE_BYTES } from '../../../src-shared/limits'
import type { ChatMessage } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { ModelDetails } from '../models/model-catalog'
import { base64Of, GIF_1PX, PNG_1PX } from '../../test-support/test-images'
import { decodeImages, imagesNotSentNotice, requireVision } from './message-images'

const refusal = (run: () => unknown): string => {
  try {
    run()
  } catch (error) {
    if (error instanceof AppFailure) return `${error.code}: ${error.message}`
    throw error
  }
  return 'accepted'
}

const bytes = (...values: number[]) => base64Of(Uint8Array.from(values))
const ascii = (text: string) => base64Of(Buffer.from(text, 'latin1'))

describe('decodeImages', () => {
  it('reads the format from the bytes: PNG, JPEG, WebP and GIF', () => {
    const webp = ascii('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ')
    const jpeg = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10)
    expect(decodeImages([base64Of(PNG_1PX), jpeg, webp, base64Of(GIF_1PX)]).map((image) => image.mime)).toEqual([
      'image/png',
      'image/jpeg',
      'image/webp',
      'image/gif',
    ])
  })

  it('refuses bytes that are no such image, naming which image', () => {
    expect(refusal(() => decodeImages([base64Of(PNG_1PX), ascii('BM6\u0000\u0000\u0000 a bitmap')]))).toBe(
      'INVALID_INPUT: Image 2 is not a PNG, JPEG, WebP or GIF image.',
    )
    // Half a PNG signature is not a PNG; RIFF without WEBP is a WAV or AVI.
    expect(refusal(() => decodeImages([bytes(0x89, 0x50, 0x4e, 0x47)]))).toBe(
      'INVALID_INPUT: Image 1 is not a PNG, JPEG, WebP or GIF image.',
    )
    expect(refusal(() => decodeImages([ascii('RIFF\u0000\u0000\u0000\u0000WAVEfmt ')]))).toBe(
      'INVALID_INPUT: Image 1 is not a PNG, JPEG, WebP or GIF image.',
    )
  })

  it('refuses an image over the size limit and more than 8 images', () => {
    const huge = Buffer.alloc(MAX_IMAGE_BYTES + 1)
    PNG_1PX.copy(huge)
    expect(refusal(() => decodeImages([base64Of(huge)]))).toBe(
      'INVALID_INPUT: Image 1 is larger than 10 MB, the most an image can be.',
    )
    expect(refusal(() => decodeImages(Array.from({ length: 9 }, () => base64Of(PNG_1PX))))).toBe(
      'INVALID_INPUT: A message can carry at most 8 images.',
    )
    expect(decodeImages(Array.from({ length: 8 }, () => base64Of(PNG_1PX)))).toHaveLength(8)
  })

  it('reads base64 as an import does: line breaks are ignored, as Go’s decoder behind Ollama ignores them', () => {
    expect(decodeImages([base64Of(PNG_1PX).replace(/(.{40})/g, '$1\n')])).toEqual([
      { mime: 'image/png', data: PNG_1PX },
    ])
  })

  it('refuses text that is not base64 instead of reading what Node would skip', () => {
    expect(refusal(() => decodeImages([`${base64Of(PNG_1PX).slice(0, 8)}*${base64Of(PNG_1PX).slice(8)}`]))).toBe(
      'INVALID_INPUT: Image 1 could not be read: it is not base64.',
    )
  })
})

describe('requireVision', () => {
  const details = (capabilities: string[]): ModelDetails =>
    ({ listed: { capabilities }, shown: null }) as unknown as ModelDetails

  it('lets a model with vision through and refuses another in words', () => {
    expect(refusal(() => requireVision('gemma3:4b', details(['completion', 'vision'])))).toBe('accepted')
    expect(refusal(() => requireVision('llama3:latest', details(['completion'])))).toBe(
      'INVALID_INPUT: llama3 cannot read images. Pick a model with vision to send images.',
    )
    expect(refusal(() => requireVision('llama3:latest', null))).toBe(
      'INVALID_INPUT: Ollama could not say whether llama3 can read images, so they were not sent.',
    )
  })
})

describe('imagesNotSentNotice', () => {
  const user = (images: number) =>
    ({
      role: 'user',
      content: 'Look',
      images: Array.from({ length: images }, (_, position) => ({ position, mime: 'image/png', bytes: 1 })),
      notice: null,
    }) as unknown as ChatMessage
  const told = (model: string, count: number) =>
    ({ role: 'notice', content: '', notice: { kind: 'images-not-sent', model, count } }) as unknown as ChatMessage

  it('names the model and how many images were left out, once for the same model and number', () => {
    expect(imagesNotSentNotice('qwen3:latest', [user(1)])?.content).toBe(
      'qwen3 cannot read images: the image earlier in this conversation was not sent.',
    )
    expect(imagesNotSentNotice('qwen3:latest', [user(2), user(0)])).toEqual({
      content: 'qwen3 cannot read images: the 2 images earlier in this conversation were not sent.',
      notice: { kind: 'images-not-sent', model: 'qwen3:latest', count: 2 },
    })
    expect(imagesNotSentNotice('qwen3:latest', [user(0)])).toBeNull()
    expect(imagesNotSentNotice('qwen3:latest', [user(2), told('qwen3:latest', 2)])).toBeNull()
    // Another model, or another number of images, is news.
    expect(imagesNotSentNotice('llama3:latest', [user(2), told('qwen3:latest', 2)])).not.toBeNull()
    expect(imagesNotSentNotice('qwen3:latest', [user(2), told('qwen3:latest', 2), user(1)])).not.toBeNull()
  })
})
