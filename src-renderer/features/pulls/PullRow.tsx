import { X } from 'lucide-react'
import { memo } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice'
import { IconButton } from '../../components/IconButton'
import { isRunning, pullTotals, type Pull } from '../../store/pull-progress'
import { selectPullElsewhere } from '../../store/pulls-slice'
import { useApp } from '../../store/store-context'
import { pullNumbersText } from './pull-text'

/**
 * One pull in Downloads: the model (and the host, when not the one in use), Ollama's status, a bar for the whole
 * pull, the numbers, and what can be done.
 */
export const PullRow = memo(function PullRow({ pull }: { pull: Pull }) {
  const cancel = useApp((state) => state.cancelPull)
  const retry = useApp((state) => state.retryPull)
  const dismiss = useApp((state) => state.dismissPull)
  const elsewhere = useApp(selectPullElsewhere(pull))
  const title = elsewhere === null ? pull.model : `${pull.model} on ${elsewhere}`
  const running = isRunning(pull)
  // Pulling again pulls on the host in use: offered for a pull on another host, it would start over elsewhere
  // rather than resume.
  const canRetry = elsewhere === null
  const dismissButton = (
    <IconButton label={`Dismiss ${title}`} className="icon-button--small" onClick={() => dismiss(pull.requestId)}>
      <X size={14} aria-hidden />
    </IconButton>
  )
  return (
    <li className={`pull pull--${pull.phase}`} aria-label={`Download of ${title}`}>
      <div className="pull__head">
        <span className="pull__model">{pull.model}</span>
        {elsewhere !== null && <span className="pull__host">on {elsewhere}</span>}
        {running && <span className="pull__status">{pull.status}</span>}
        <span className="pull__actions">
          {running && (
            <button
              type="button"
              className="button button--ghost"
              disabled={pull.phase === 'cancelling'}
              onClick={() => void cancel(pull.requestId)}
            >
              {pull.phase === 'cancelling' ? 'Cancelling…' : 'Cancel'}
            </button>
          )}
          {(pull.phase === 'cancelled' || pull.phase === 'stopped') && (
            <>
              {canRetry && (
                <button type="button" className="button" onClick={() => retry(pull.requestId)}>
                  Pull again
                </button>
              )}
              {dismissButton}
            </>
          )}
        </span>
      </div>
      {running && <PullBar pull={pull} title={title} />}
      {running && <p className="pull__numbers">{pullNumbersText(pull)}</p>}
      {pull.phase === 'done' && <p className="pull__done">Pulled {pull.model}.</p>}
      {pull.phase === 'cancelled' && (
        <p className="pull__note">Cancelled — pulling it again resumes where it stopped.</p>
      )}
      {pull.phase === 'stopped' && (
        <p className="pull__note">
          This pull ended while this window was out of touch with ollmchat, so whether it finished is unknown. Pulling
          it again resumes where it stopped.
        </p>
      )}
      {pull.phase === 'failed' && pull.error && (
        <ErrorNotice error={pull.error} messageFirst onDismiss={() => dismiss(pull.requestId)}>
          {canRetry ? (
            <button type="button" className="button" onClick={() => retry(pull.requestId)}>
              Retry
            </button>
          ) : undefined}
        </ErrorNotice>
      )}
    </li>
  )
})

/** The whole pull's progress; without a number (a moving stripe) until the first layer arrives. */
function PullBar({ pull, title }: { pull: Pull; title: string }) {
  const { percent } = pullTotals(pull)
  return (
    <div
      className={`pull__bar${percent === null ? ' pull__bar--waiting' : ''}`}
      role="progressbar"
      aria-label={`Pulling ${title}`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={percent === null ? 'Starting' : pullNumbersText(pull)}
    >
      <div className="pull__fill" style={{ width: `${percent ?? 0}%` }} />
    </div>
  )
}
