import { X } from 'lucide-react'
import { memo } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice'
import { IconButton } from '../../components/IconButton'
import { isRunning, pullTotals, type Pull } from '../../store/pull-progress'
import { useApp } from '../../store/store-context'
import { pullNumbersText } from './pull-text'

/** One pull in Downloads: the model, Ollama's status, a bar for the whole pull, the numbers, and what can be done. */
export const PullRow = memo(function PullRow({ pull }: { pull: Pull }) {
  const cancel = useApp((state) => state.cancelPull)
  const retry = useApp((state) => state.retryPull)
  const dismiss = useApp((state) => state.dismissPull)
  const running = isRunning(pull)
  const dismissButton = (
    <IconButton label={`Dismiss ${pull.model}`} className="icon-button--small" onClick={() => dismiss(pull.requestId)}>
      <X size={14} aria-hidden />
    </IconButton>
  )
  return (
    <li className={`pull pull--${pull.phase}`} aria-label={`Download of ${pull.model}`}>
      <div className="pull__head">
        <span className="pull__model">{pull.model}</span>
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
              <button type="button" className="button" onClick={() => retry(pull.requestId)}>
                Pull again
              </button>
              {dismissButton}
            </>
          )}
        </span>
      </div>
      {running && <PullBar pull={pull} />}
      {running && <p className="pull__numbers">{pullNumbersText(pull)}</p>}
      {pull.phase === 'done' && <p className="pull__done">Pulled {pull.model}.</p>}
      {pull.phase === 'cancelled' && <p className="pull__note">Cancelled — pulling it again resumes where it stopped.</p>}
      {pull.phase === 'stopped' && (
        <p className="pull__note">
          This pull ended while this window was out of touch with ollmchat, so whether it finished is unknown. Pulling
          it again resumes where it stopped.
        </p>
      )}
      {pull.phase === 'failed' && pull.error && (
        <ErrorNotice error={pull.error} messageFirst onDismiss={() => dismiss(pull.requestId)}>
          <button type="button" className="button" onClick={() => retry(pull.requestId)}>
            Retry
          </button>
        </ErrorNotice>
      )}
    </li>
  )
})

/** The whole pull's progress; without a number (a moving stripe) until the first layer arrives. */
function PullBar({ pull }: { pull: Pull }) {
  const { percent } = pullTotals(pull)
  return (
    <div
      className={`pull__bar${percent === null ? ' pull__bar--waiting' : ''}`}
      role="progressbar"
      aria-label={`Pulling ${pull.model}`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={percent === null ? 'Starting' : pullNumbersText(pull)}
    >
      <div className="pull__fill" style={{ width: `${percent ?? 0}%` }} />
    </div>
  )
}
