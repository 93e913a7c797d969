import { useEffect, useState } from 'react'
import type { ChatMessage, MessageImageInfo } from '../../../../src-shared/types'
import { Dialog } from '../../../components/Dialog'
import { useApp } from '../../../store/store-context'

/**
 * The images a sent message carries, as thumbnails; a click opens one larger. Each comes from the history store
 * (`conversations:image`), never from an address anything in the conversation wrote.
 */
export function MessageImages({ message }: { message: ChatMessage }) {
  const [open, setOpen] = useState<MessageImageInfo | null>(null)
  const images = message.images ?? []
  if (images.length === 0) return null
  const labelOf = (image: MessageImageInfo) => `Image ${image.position + 1} of ${images.length}`
  return (
    <>
      <ul className="msg-images" aria-label="Images sent">
        {images.map((image) => (
          <li key={image.position}>
            <button
              type="button"
              className="msg-images__open"
              aria-label={`Open ${labelOf(image).toLowerCase()}`}
              onClick={() => setOpen(image)}
            >
              <StoredImage messageId={message.id} image={image} className="msg-images__thumb" alt={labelOf(image)} />
            </button>
          </li>
        ))}
      </ul>
      {open !== null && (
        <Dialog title={labelOf(open)} wide onClose={() => setOpen(null)}>
          <StoredImage messageId={message.id} image={open} className="image-viewer__image" alt={labelOf(open)} />
          <div className="dialog__actions">
            <button type="button" className="button" data-autofocus onClick={() => setOpen(null)}>
              Close
            </button>
          </div>
        </Dialog>
      )}
    </>
  )
}

function StoredImage({
  messageId,
  image,
  className,
  alt,
}: {
  messageId: string
  image: MessageImageInfo
  className: string
  alt: string
}) {
  const load = useApp((state) => state.messageImage)
  const [url, setUrl] = useState<string | null | undefined>(undefined)
  useEffect(() => {
    let current = true
    void load(messageId, image.position).then((loaded) => {
      if (current) setUrl(loaded)
    })
    return () => {
      current = false
    }
  }, [load, messageId, image.position])
  if (url === null) return <span className={`${className} msg-images__missing`}>Image unavailable</span>
  if (url === undefined) return <span className={`${className} msg-images__loading`} aria-label={`${alt}, loading`} />
  return <img className={className} src={url} alt={alt} />
}
