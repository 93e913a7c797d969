import { Download } from 'lucide-react'
import { useMemo } from 'react'
import { runningPulls, selectPullElsewhere } from '../../store/pulls-slice'
import { useApp } from '../../store/store-context'
import { pullIndicatorText } from './pull-text'

/** The sidebar's compact word on running pulls ("Pulling 2 models…"); opens the Models page, where they show. */
export function PullIndicator() {
  const pulls = useApp((state) => state.pulls)
  const running = useMemo(() => runningPulls(pulls), [pulls])
  const [only] = running
  // Named for a lone pull only: with several, the Downloads list says which host each runs on.
  const elsewhere = useApp((state) =>
    running.length === 1 && only !== undefined ? selectPullElsewhere(only)(state) : null,
  )
  const failed = useMemo(() => pulls.filter((pull) => pull.phase === 'failed').length, [pulls])
  const setPage = useApp((state) => state.setPage)
  if (running.length === 0 && failed === 0) return null
  const text =
    running.length > 0
      ? pullIndicatorText(running, elsewhere)
      : failed === 1
        ? 'A pull failed'
        : `${failed} pulls failed`
  return (
    <button
      type="button"
      className={`pull-indicator${running.length === 0 ? ' pull-indicator--failed' : ''}`}
      title="Show Downloads on the Models page"
      onClick={() => setPage('models')}
    >
      <Download size={14} aria-hidden className="pull-indicator__icon" />
      <span className="pull-indicator__text">{text}</span>
    </button>
  )
}
