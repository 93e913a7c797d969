import { decodeImageBase64 } from '../history/image-base64'
import type { ImageToStore } from '../history/image-repo'
import { refuseImport } from './import-refusal'

/**
 * One image of an imported message, from base64, by the same rule as an image sent from the composer
 * (`decodeImageBase64`). `name` says where it is, e.g. `Image 1 of message 4 in conversation 2 (“Trip”)`.
 */
export function decodeImportedImage(base64: string, name: string): ImageToStore {
  const decoded = decodeImageBase64(base64, name)
  return 'problem' in decoded ? refuseImport(decoded.problem) : decoded
}
