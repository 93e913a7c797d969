import { imageSizeProblem, notAnImageSentence, sniffImageMime } from '../../../src-shared/image-rule'
import type { ImageToStore } from '../history/image-repo'
import { refuseImport } from './import-refusal'

/**
 * One image of an imported message, from base64, by the same rule as an image sent from the composer: at most
 * `MAX_IMAGE_BYTES`, and a PNG, JPEG, WebP or GIF by its bytes (a format a file claims is never believed).
 * `name` says where it is, e.g. `Image 1 of message 4 in conversation 2 (“Trip”)`.
 */
export function decodeImportedImage(base64: string, name: string): ImageToStore {
  const data = Buffer.from(base64, 'base64')
  // Node skips what is not base64; encoding back shows whether anything was skipped.
  if (data.toString('base64') !== base64.replace(/\s+/g, '')) refuseImport(`${name} could not be read: it is not base64.`)
  const tooLarge = imageSizeProblem(name, data.byteLength)
  if (tooLarge !== null) refuseImport(tooLarge)
  const mime = sniffImageMime(data)
  if (mime === null) return refuseImport(notAnImageSentence(name))
  return { mime, data }
}
