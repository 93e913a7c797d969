import { describe, expect, it } from 'vitest'
import { MAX_IMAGE_BYTES } from '../../../src-shared/limits'
import { base64Of, PNG_1PX } from '../../test-support/test-images'
import { decodeImageBase64 } from './image-base64'

describe('decodeImageBase64', () => {
  it('reads an image, ignoring line breaks as Go’s decoder behind Ollama does', () => {
    const wrapped = base64Of(PNG_1PX).replace(/(.{20})/g, '$1\r\n')
    expect(decodeImageBase64(wrapped, 'Image 1')).toEqual({ mime: 'image/png', data: PNG_1PX })
  })

  it('says what is wrong in a sentence naming the image', () => {
    expect(decodeImageBase64(`${base64Of(PNG_1PX)}*`, 'Image 2')).toEqual({
      problem: 'Image 2 could not be read: it is not base64.',
    })
    // Missing padding and base64url letters are not what Ollama reads either.
    expect(decodeImageBase64(base64Of(PNG_1PX).replace(/=+$/, ''), 'Image 1')).toEqual({
      problem: 'Image 1 could not be read: it is not base64.',
    })
    expect(decodeImageBase64(base64Of(Buffer.from('%PDF-1.7')), 'Image 1')).toEqual({
      problem: 'Image 1 is not a PNG, JPEG, WebP or GIF image.',
    })
    const huge = Buffer.alloc(MAX_IMAGE_BYTES + 1)
    PNG_1PX.copy(huge)
    expect(decodeImageBase64(base64Of(huge), 'Image 1')).toEqual({
      problem: 'Image 1 is larger than 10 MB, the most an image can be.',
    })
  })
})
