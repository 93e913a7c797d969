import { shortModelName } from '../../../src-shared/format'
import { canReadImages, cannotReadImagesSentence, imageCountProblem, imageSizeProblem, notAnImageSentence, sniffImageMime } from '../../../src-shared/image-rule'
import { AppFailure } from '../app-failure'
import type { ImageToStore } from '../history/image-repo'
import { capabilitiesOf, type ModelDetails } from '../models/model-catalog'

/**
 * The images of a message to send, read and checked before anything is saved: at most `MAX_IMAGES_PER_MESSAGE`,
 * each valid base64 of at most `MAX_IMAGE_BYTES` whose bytes are a PNG, JPEG, WebP or GIF (the format is read from
 * the bytes, never taken from the window). Throws `INVALID_INPUT` with a sentence naming the image.
 */
export function decodeImages(uploads: readonly string[]): ImageToStore[] {
  const tooMany = imageCountProblem(uploads.length)
  if (tooMany !== null) throw new AppFailure('INVALID_INPUT', tooMany)
  return uploads.map((upload, index) => {
    const name = `Image ${index + 1}`
    const data = Buffer.from(upload, 'base64')
    // Node skips what is not base64; encoding back shows whether anything was skipped.
    if (data.toString('base64') !== upload) throw new AppFailure('INVALID_INPUT', `${name} could not be read: it is not base64.`)
    const tooLarge = imageSizeProblem(name, data.byteLength)
    if (tooLarge !== null) throw new AppFailure('INVALID_INPUT', tooLarge)
    const mime = sniffImageMime(data)
    if (mime === null) throw new AppFailure('INVALID_INPUT', notAnImageSentence(name))
    return { mime, data }
  })
}

/**
 * Refuses images for a model without Ollama's `vision` capability. Ollama itself would take them: `ChatHandler`
 * (`server/routes.go`) asks the scheduler only for `completion` (and `tools`, `thinking`), never `vision`, and passes
 * the images on to the runner; so the app has to say no, before anything is saved.
 */
export function requireVision(model: string, details: ModelDetails | null): void {
  const name = shortModelName(model)
  if (details === null) throw new AppFailure('INVALID_INPUT', `Ollama could not say whether ${name} can read images, so they were not sent.`)
  if (!canReadImages(capabilitiesOf(details.listed, details.shown))) {
    throw new AppFailure('INVALID_INPUT', `${cannotReadImagesSentence(name)}. Pick a model with vision to send images.`)
  }
}
