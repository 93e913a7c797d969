import { shortModelName } from '../../../src-shared/format'
import { canReadImages, cannotReadImagesSentence, imageCountProblem } from '../../../src-shared/image-rule'
import { isSentToModel } from '../../../src-shared/prompt-rule'
import type { ChatMessage } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { NoticeDraft } from '../context/truncation-notice'
import { decodeImageBase64 } from '../history/image-base64'
import type { ImageToStore } from '../history/image-repo'
import { capabilitiesOf, type ModelDetails } from '../models/model-catalog'

/**
 * The images of a message to send, read and checked before anything is saved: at most `MAX_IMAGES_PER_MESSAGE`,
 * each read by `decodeImageBase64` (valid base64, the size limit, the format from the bytes). Throws `INVALID_INPUT`
 * with a sentence naming the image.
 */
export function decodeImages(uploads: readonly string[]): ImageToStore[] {
  const tooMany = imageCountProblem(uploads.length)
  if (tooMany !== null) throw new AppFailure('INVALID_INPUT', tooMany)
  return uploads.map((upload, index) => {
    const decoded = decodeImageBase64(upload, `Image ${index + 1}`)
    if ('problem' in decoded) throw new AppFailure('INVALID_INPUT', decoded.problem)
    return decoded
  })
}

/**
 * Refuses images for a model without Ollama's `vision` capability. Ollama itself would take them: `ChatHandler`
 * (`server/routes.go`) asks the scheduler only for `completion` (and `tools`, `thinking`), never `vision`, and passes
 * the images on to the runner; so the app has to say no, before anything is saved.
 */
export function requireVision(model: string, details: ModelDetails | null): void {
  const name = shortModelName(model)
  if (details === null)
    throw new AppFailure(
      'INVALID_INPUT',
      `Ollama could not say whether ${name} can read images, so they were not sent.`,
    )
  if (!canReadImages(capabilitiesOf(details.listed, details.shown))) {
    throw new AppFailure('INVALID_INPUT', `${cannotReadImagesSentence(name)}. Pick a model with vision to send images.`)
  }
}

/** How many images the user messages of `path` carry that a model reading images would be sent. */
export const imagesOnPath = (path: readonly ChatMessage[]): number =>
  path.reduce(
    (count, message) => count + (message.role === 'user' && isSentToModel(message) ? (message.images?.length ?? 0) : 0),
    0,
  )

/**
 * The notice for a reply whose model cannot read the images on the conversation's path (they are left out of the
 * prompt), or `null` when none is due: there are none, or the path already says so for the same model and number.
 * Said once per conversation rather than under every reply, as the truncation notice is: nothing changes from one
 * turn to the next until the model or the images do, and then it is said again.
 */
export function imagesNotSentNotice(model: string, path: readonly ChatMessage[]): NoticeDraft | null {
  const count = imagesOnPath(path)
  if (count === 0) return null
  const told = path.some(
    (message) =>
      message.notice?.kind === 'images-not-sent' && message.notice.model === model && message.notice.count === count,
  )
  if (told) return null
  const which =
    count === 1
      ? 'the image earlier in this conversation was'
      : `the ${count.toLocaleString('en-US')} images earlier in this conversation were`
  return {
    content: `${cannotReadImagesSentence(shortModelName(model))}: ${which} not sent.`,
    notice: { kind: 'images-not-sent', model, count },
  }
}
