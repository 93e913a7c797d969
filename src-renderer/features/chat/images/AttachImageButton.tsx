import { ImagePlus } from 'lucide-react'
import { useId, useRef } from 'react'
import { IMAGE_ACCEPT } from '../../../../src-shared/image-rule'

/**
 * Opens the file picker for images. With `refusal` (the model cannot read images) it stays focusable but does
 * nothing, and says why in its tooltip and accessible description rather than silently greying out.
 */
export function AttachImageButton({ refusal, onFiles }: { refusal: string | null; onFiles: (files: File[]) => void }) {
  const picker = useRef<HTMLInputElement>(null)
  const reasonId = useId()
  const label = 'Attach images'
  return (
    <>
      <button
        type="button"
        className="composer__attach"
        aria-label={label}
        title={refusal ?? `${label} (or paste or drop them)`}
        aria-disabled={refusal !== null}
        aria-describedby={refusal === null ? undefined : reasonId}
        onClick={() => {
          if (refusal === null) picker.current?.click()
        }}
      >
        <ImagePlus size={18} aria-hidden />
      </button>
      {refusal !== null && (
        <span id={reasonId} className="visually-hidden">
          {refusal}
        </span>
      )}
      <input
        ref={picker}
        type="file"
        accept={IMAGE_ACCEPT}
        multiple
        hidden
        data-testid="image-file-input"
        onChange={(event) => {
          onFiles([...(event.target.files ?? [])])
          // Picking the same file again must fire again.
          event.target.value = ''
        }}
      />
    </>
  )
}
