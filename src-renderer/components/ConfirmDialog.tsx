import { useState, type ReactNode } from 'react'
import type { AppError } from '../../src-shared/ipc/result'
import { Dialog } from './Dialog'
import { ErrorNotice } from './ErrorNotice'

/**
 * Asks before something that cannot be undone. Cancel has the focus first (the safe choice). A refusal from the
 * core stays in the dialog, in words; success closes it.
 */
export function ConfirmDialog({
  title,
  confirmLabel,
  busyLabel,
  onConfirm,
  onClose,
  fallbackFocusId,
  children,
}: {
  title: string
  confirmLabel: string
  busyLabel: string
  /** Resolves with the core's refusal, or `null` when done. */
  onConfirm: () => Promise<AppError | null>
  onClose: () => void
  /** See `Dialog`: where focus goes when what opened the dialog is gone once it is done. */
  fallbackFocusId?: string | undefined
  children: ReactNode
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError | null>(null)

  const confirm = async (button: HTMLButtonElement) => {
    // The button is disabled next, which would drop the focus to the page (where Esc is the window's): keep it in.
    button.closest<HTMLElement>('[role="dialog"]')?.focus()
    setBusy(true)
    setError(null)
    const failure = await onConfirm()
    setBusy(false)
    if (failure) setError(failure)
    else onClose()
  }
  // While the action runs, nothing closes the dialog: its outcome (a refusal in words) would have nowhere to show.
  const close = () => {
    if (!busy) onClose()
  }

  return (
    <Dialog title={title} onClose={close} fallbackFocusId={fallbackFocusId}>
      <div className="dialog__body">{children}</div>
      {/* Main's own sentence: the generic ones are written for chats. */}
      {error && <ErrorNotice error={error} messageFirst />}
      <div className="dialog__actions">
        <button type="button" className="button button--ghost" data-autofocus disabled={busy} onClick={close}>
          Cancel
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={busy}
          onClick={(event) => void confirm(event.currentTarget)}
        >
          {busy ? busyLabel : confirmLabel}
        </button>
      </div>
    </Dialog>
  )
}
