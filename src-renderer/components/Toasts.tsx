import { X } from 'lucide-react'
import { useEffect } from 'react'
import { useApp } from '../store/store-context'
import type { Toast } from '../store/ui-slice'

const TOAST_MS = 7000

/** Short notes at the bottom of the window (e.g. "Deleted … Undo"); each leaves by itself. */
export function Toasts() {
  const toasts = useApp((state) => state.toasts)
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  )
}

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useApp((state) => state.dismissToast)
  const runAction = useApp((state) => state.runToastAction)
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), TOAST_MS)
    return () => clearTimeout(timer)
  }, [dismiss, toast.id])
  return (
    <div className="toast">
      <span>{toast.text}</span>
      {toast.action && (
        <button type="button" className="toast__action" onClick={() => void runAction(toast.id)}>
          {toast.action.label}
        </button>
      )}
      <button
        type="button"
        className="icon-button icon-button--small"
        aria-label="Dismiss"
        onClick={() => dismiss(toast.id)}
      >
        <X size={14} aria-hidden />
      </button>
    </div>
  )
}
