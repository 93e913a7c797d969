import type { InflightTurn } from '../../store/chat-slice'
import { ProgressLine } from './ProgressLine'

/** What a sent message looks like in the moment before main has stored it. */
export function PendingTurn({ turn }: { turn: InflightTurn }) {
  return (
    <>
      {turn.pendingText !== null && (
        <li className="msg msg--user msg--pending">
          <div className="msg__bubble">{turn.pendingText}</div>
        </li>
      )}
      <li className="msg msg--assistant">
        <ProgressLine text={turn.progressText ?? 'Sending…'} />
      </li>
    </>
  )
}
