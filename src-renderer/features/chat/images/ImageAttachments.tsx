import { X } from 'lucide-react'
import { TOKENS_PER_IMAGE } from '../../../../src-shared/image-rule'
import { previewUrl, type PendingImage } from './read-image-file'

/**
 * The images attached to the draft: a thumbnail each with a remove button, and what they cost in context (Ollama
 * counts 768 tokens an image; "about", since the model's projector has the last word).
 */
export function ImageAttachments({
  images,
  onRemove,
}: {
  images: readonly PendingImage[]
  onRemove: (id: string) => void
}) {
  if (images.length === 0) return null
  const tokens = images.length * TOKENS_PER_IMAGE
  return (
    <div className="image-tray">
      <ul className="image-tray__list" aria-label="Attached images">
        {images.map((image) => (
          <li key={image.id} className="image-tray__item">
            <img className="image-tray__thumb" src={previewUrl(image)} alt={image.name} />
            <button
              type="button"
              className="image-tray__remove"
              aria-label={`Remove ${image.name}`}
              title={`Remove ${image.name}`}
              onClick={() => onRemove(image.id)}
            >
              <X size={12} aria-hidden />
            </button>
          </li>
        ))}
      </ul>
      <p className="image-tray__note">
        {images.length === 1 ? '1 image' : `${images.length} images`} · about {tokens.toLocaleString('en-US')} tokens of
        context
      </p>
    </div>
  )
}
