import { Image } from 'lucide-react'
import type { ComponentProps } from 'react'
import type { ExtraProps } from 'react-markdown'

/**
 * Never loads an image named by model output (that would let a reply contact any server): an http(s)
 * image becomes a link labelled with its alt text, anything else shows the alt text alone.
 */
export function SafeImage({ src, alt }: ComponentProps<'img'> & ExtraProps) {
  const label = alt?.trim() ? alt.trim() : 'image'
  if (typeof src === 'string' && src !== '') {
    return (
      <a className="md-image-link" href={src} title={src} target="_blank" rel="noreferrer noopener">
        <Image size={14} aria-hidden />
        <span>{label}</span>
      </a>
    )
  }
  return <span className="md-image-alt">[{label}]</span>
}
