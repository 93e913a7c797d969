import { Download } from 'lucide-react'
import { useEffect, useRef, type FocusEvent } from 'react'
import type { ExportFormat } from '../../../src-shared/types'
import { errorText } from '../../lib/error-text'
import { usePopover } from '../../lib/use-popover'
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
  const { open, show, close, dismiss, closeOnEscape, opener, panel } = usePopover<HTMLButtonElement, HTMLSpanElement>()
  const firstChoice = useRef<HTMLButtonElement>(null)
  const busy = useApp((state) => state.dataTask !== null)
  const exportData = useApp((state) => state.exportData)
  const pushToast = useApp((state) => state.pushToast)

  useEffect(() => {
    if (open) firstChoice.current?.focus()
  }, [open])

  const choose = async (format: ExportFormat) => {
    close()
    const error = await exportData(format, conversationId)
    if (error !== null) pushToast({ text: errorText(error), action: null })
  }
  // Focus leaving the menu and its button closes it, and stays where it went.
  const onBlur = (event: FocusEvent<HTMLSpanElement>) => {
    if (open && !event.currentTarget.contains(event.relatedTarget)) dismiss()
  }

  const label = `Export “${title}”…`
  return (
    <span className="export-menu-anchor" onKeyDown={open ? closeOnEscape : undefined} onBlur={onBlur}>
      <button
        ref={opener}
        type="button"
        className="icon-button icon-button--small"
        aria-label={label}
        title={label}
        aria-expanded={open}
        disabled={busy}
        onClick={() => (open ? close() : show())}
      >
        <Download size={14} aria-hidden />
      </button>
      {open && (
        <span ref={panel} className="export-menu" role="group" aria-label={`Export “${title}” as`}>
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
