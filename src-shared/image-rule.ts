import { formatMegabytes } from './format'
import { MAX_IMAGE_BYTES, MAX_IMAGES_PER_MESSAGE } from './limits'

/**
 * The one rule for images a message carries, shared so the composer refuses exactly what main refuses (main checks
 * again: the renderer is not trusted, and what it claims about a file's type is never read).
 */

/** The formats Ollama decodes (`server/routes.go` registers WebP next to Go's PNG, JPEG and GIF decoders). */
export const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const
export type ImageMime = (typeof IMAGE_MIME_TYPES)[number]

/** What the file picker offers. */
export const IMAGE_ACCEPT = IMAGE_MIME_TYPES.join(',')

/**
 * Tokens Ollama counts for each image when it fits history into the context (`server/prompt.go` `chatPrompt`:
 * "Clip images are represented as 768 tokens"; `server/routes.go` `truncateNativeChatMessages` likewise).
 */
export const TOKENS_PER_IMAGE = 768

/** The longest base64 text of one image within {@link MAX_IMAGE_BYTES}. */
export const MAX_IMAGE_BASE64_CHARS = Math.ceil(MAX_IMAGE_BYTES / 3) * 4

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte)

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0))

/** The image format the bytes themselves say (their magic number), or `null` for anything else. */
export function sniffImageMime(bytes: Uint8Array): ImageMime | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif'
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp'
  return null
}

/** Enough leading bytes for {@link sniffImageMime}. */
export const IMAGE_SNIFF_BYTES = 12

/** Only models with Ollama's `vision` capability read images; Ollama itself does not refuse them (see README). */
export const canReadImages = (capabilities: readonly string[]): boolean => capabilities.includes('vision')

/** The sentence for an image that is not one of the accepted formats; `name` is the file's name or "Image 2". */
export const notAnImageSentence = (name: string) => `${name} is not a PNG, JPEG, WebP or GIF image.`

/** The sentence for an image over {@link MAX_IMAGE_BYTES}, or `null` when it fits. */
export function imageSizeProblem(name: string, bytes: number): string | null {
  if (bytes <= MAX_IMAGE_BYTES) return null
  return `${name} is larger than ${formatMegabytes(MAX_IMAGE_BYTES)}, the most an image can be.`
}

/** The sentence for more than {@link MAX_IMAGES_PER_MESSAGE} images on one message, or `null`. */
export function imageCountProblem(count: number): string | null {
  if (count <= MAX_IMAGES_PER_MESSAGE) return null
  return `A message can carry at most ${MAX_IMAGES_PER_MESSAGE} images.`
}

/** Why a model's attach button is off: "llama3 cannot read images". */
export const cannotReadImagesSentence = (shortName: string) => `${shortName} cannot read images`
