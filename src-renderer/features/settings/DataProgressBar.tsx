import { progressText } from '../../lib/data-text'
import type { DataTask } from '../../store/data-slice'

/** The running export or import: a sentence and a bar (a moving stripe until the first count arrives). */
export function DataProgressBar({ task }: { task: DataTask }) {
  const { progress } = task
  const known = progress !== null && progress.total > 0
  const percent = known ? Math.round((progress.done * 100) / progress.total) : 0
  const text = progressText(task.operation, progress)
  return (
    <div className="data-progress">
      <p className="data-progress__text" aria-live="polite">
        {text}
      </p>
      <div
        className={`pull__bar${known ? '' : ' pull__bar--waiting'}`}
        role="progressbar"
        aria-label={task.operation === 'export' ? 'Export progress' : 'Import progress'}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={known ? percent : undefined}
        aria-valuetext={text}
      >
        <div className="pull__fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  )
}
