import { imageSizeProblem, notAnImageSentence, sniffImageMime } from '../../../src-shared/image-rule'
import type { ImageToStore } from './image-repo'

/**
 * The one reading of an image given as base64, whether it comes from the composer (`decodeImages`) or from an
 * imported file (`decodeImportedImage`): valid base64 (line breaks and other whitespace ignored, as Go's decoder
 * behind Ollama's `api.Message.Images` ignores them), at most `MAX_IMAGE_BYTES`, and a PNG, JPEG, WebP or GIF by its
 * bytes (a format a file or window claims is never believed). Returns the image, or the problem as a sentence naming
 * the image by `name` ("Image 2", "Image 1 of message 4 in conversation 2"), for the caller to refuse in its own way.
 */
export function decodeImageBase64(base64: string, name: string): ImageToStore | { problem: string } {
  const compact = base64.replace(/\s+/g, '')
  const data = Buffer.from(compact, 'base64')
  // Node skips what is not base64; encoding back shows whether anything was skipped.
  if (data.toString('base64') !== compact) return { problem: `${name} could not be read: it is not base64.` }
  const tooLarge = imageSizeProblem(name, data.byteLength)
  if (tooLarge !== null) return { problem: tooLarge }
  const mime = sniffImageMime(data)
  if (mime === null) return { problem: notAnImageSentence(name) }
  return { mime, data }
}
