import {
  IMAGE_SNIFF_BYTES,
  imageSizeProblem,
  notAnImageSentence,
  sniffImageMime,
  type ImageMime,
} from '../../../../src-shared/image-rule'

/** An image attached in the composer, not sent yet. */
export interface PendingImage {
  id: string
  /** The file's name, for its preview's label. */
  name: string
  /** From the file's bytes, never from its name or the type the browser guessed. */
  mime: ImageMime
  /** The whole file, as `chat:send` takes it. */
  base64: string
  bytes: number
}

let nextId = 0

const dataUrlOf = (file: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '')
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'))
    reader.readAsDataURL(file)
  })

/**
 * Reads a file the user attached, refusing with a sentence what main would refuse (too large, not a PNG, JPEG,
 * WebP or GIF by its bytes). Images are sent as they are, not scaled down: the model scales each to its own input
 * size, and the size limit already bounds what goes over the wire.
 */
export async function readImageFile(file: File): Promise<PendingImage | { problem: string }> {
  const name = file.name || 'The pasted image'
  const tooLarge = imageSizeProblem(name, file.size)
  if (tooLarge !== null) return { problem: tooLarge }
  try {
    const mime = sniffImageMime(new Uint8Array(await file.slice(0, IMAGE_SNIFF_BYTES).arrayBuffer()))
    if (mime === null) return { problem: notAnImageSentence(name) }
    const dataUrl = await dataUrlOf(file)
    return { id: `image-${++nextId}`, name, mime, base64: dataUrl.slice(dataUrl.indexOf(',') + 1), bytes: file.size }
  } catch {
    return { problem: `${name} could not be read.` }
  }
}

/** What the preview shows. */
export const previewUrl = (image: PendingImage) => `data:${image.mime};base64,${image.base64}`
