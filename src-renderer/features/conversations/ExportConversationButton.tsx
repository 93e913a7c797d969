import { Download } from 'lucide-react'
import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react'
import type { ExportFormat } from '../../../src-shared/types'
import { errorText } from '../../lib/error-text'
import { useApp } from '../../store/store-context'

const CHOICES: Array<{ format: ExportFormat; label: string; help: string }> = [
  { format: 'json', label: 'JSON', help: 'everything, imports back' },
  { format: 'markdown', label: 'Markdown', help: 'to read' },
]

/**
 * "Export…" on a conversation: a small choice of JSON or Markdown under the button. Esc, a choice or focus leaving
 * closes it; the focus goes back to the button.
 */
export function ExportConversationButton({ conversationId, title }: { conversationId: string; title: string }) {
  const [open, setOpen] = useState(false)
  const opener = useRef<HTMLButtonElement>(null)
  const firstChoice = useRef<HTMLButtonElement>(null)
  const busy = useApp((state) => state.dataTask !== null)
  const exportData = useApp((state) => state.exportData)
  const pushToast = useApp((state) => state.pushToast)

  useEffect(() => {
    if (open) firstChoice.current?.focus()
  }, [open])

  const close = () => {
    setOpen(false)
    opener.current?.focus()
  }
  const choose = async (format: ExportFormat) => {
    close()
    const error = await exportData(format, conversationId)
    if (error !== null) pushToast({ text: errorText(error), action: null })
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation()
      close()
    }
  }
  const onBlur = (event: FocusEvent<HTMLSpanElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false)
  }

  const label = `Export “${title}”…`
  return (
    <span className="export-menu-anchor" onKeyDown={onKeyDown} onBlur={onBlur}>
      <button
        ref={opener}
        type="button"
        className="icon-button icon-button--small"
        aria-label={label}
        title={label}
        aria-expanded={open}
        disabled={busy}
        onClick={() => setOpen((shown) => !shown)}
      >
        <Download size={14} aria-hidden />
      </button>
      {open && (
        <span className="export-menu" role="group" aria-label={`Export “${title}” as`}>
          {CHOICES.map((choice, index) => (
            <button
              key={choice.format}
              ref={index === 0 ? firstChoice : undefined}
              type="button"
              className="export-menu__choice"
              onClick={() => void choose(choice.format)}
            >
              {choice.label} <span className="export-menu__help">{choice.help}</span>
            </button>
          ))}
        </span>
      )}
    </span>
  )
}
