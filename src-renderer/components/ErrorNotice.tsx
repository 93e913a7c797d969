import { TriangleExclamationPoint, X } from 'lucide-react'
import type { ReactNode } from 'react'
import type { AppError } from '../../src-shared/ipc/result'
import { errorDetail, errorText } from '../lib/error-text'
import { ErrorAction, offeredAction } from './ErrorAction'

/**
 * A failure in words (through `error-text`), with Ollama's own text in small type, the one-click fix main
 * offered (`error.action`) and the caller's own actions.
 */
export function ErrorNotice({
  error,
  onDismiss,
  messageFirst = false,
  children,
}: {
  error: AppError
  onDismiss?: () => void
  /** Shows main's sentence whatever the code (see `errorText`). */
  messageFirst?: boolean
  children?: ReactNode
}) {
  const detail = errorDetail(error)
  const action = offeredAction(error.action)
  return (
    <div className="error-notice" role="alert">
      <TriangleExclamationPoint size={16} aria-hidden className="error-notice__icon" />
      <div className="error-notice__body">
        <p>{errorText(error, { messageFirst })}</p>
        {detail !== null && <p className="error-notice__detail">{detail}</p>}
        {(children !== undefined || action !== null) && (
          <div className="error-notice__actions">
            {action !== null && <ErrorAction action={action} />}
            {children}
          </div>
        )}
      </div>
      {onDismiss && (
        <button type="button" className="icon-button icon-button--small" aria-label="Dismiss" onClick={onDismiss}>
          <X size={14} aria-hidden />
        </button>
      )}
    </div>
  )
}
