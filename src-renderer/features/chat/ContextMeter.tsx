import { useMemo } from 'react'
import { formatContext, formatTokenCount, shortModelName } from '../../../src-shared/format'
import { latestContext, type LatestContext } from '../../lib/latest-context'
import { cpuPercent } from '../../lib/memory-text'
import { selectActiveModelName } from '../../store/conversations-slice'
import { useActiveMessagesOutline } from '../../store/messages-outline'
import { selectModel } from '../../store/models-slice'
import { useApp } from '../../store/store-context'

/** From this share of the context on, the meter warns in words as well as colour. */
const FULL_WARNING_PERCENT = 80

/**
 * How full the open conversation's context is, by the latest reply that reported it (prompt plus reply tokens
 * of the context Ollama really ran with); that the model no longer sees the start when Ollama dropped it; and
 * that part of the model runs on the CPU when it does. Hidden for an empty conversation.
 */
export function ContextMeter() {
  // The outline, not the messages: the meter then stays as it is while a reply streams, instead of searching
  // for the latest report again on every frame.
  const messages = useActiveMessagesOutline()
  const modelName = useApp(selectActiveModelName)
  const model = useApp(selectModel(modelName))
  const latest = useMemo(() => latestContext(messages), [messages])
  const onCpu = model?.runningMemory ? cpuPercent(model.runningMemory) : 0
  if (messages.length === 0 || (latest === null && onCpu === 0)) return null
  return (
    <div className="context-meter">
      {latest !== null && <ContextUsage latest={latest} fallbackModel={modelName} />}
      {onCpu > 0 && modelName !== null && (
        <p className="context-meter__note context-meter__note--warn">
          {onCpu} % of {shortModelName(modelName)} runs on the CPU at this context (slower)
        </p>
      )}
    </div>
  )
}

function ContextUsage({ latest, fallbackModel }: { latest: LatestContext; fallbackModel: string | null }) {
  const { promptTokens, replyTokens, effective, truncated } = latest.context
  const name = shortModelName(latest.reply.model ?? fallbackModel ?? 'The model')
  const known = promptTokens !== null || replyTokens !== null
  const used = (promptTokens ?? 0) + (replyTokens ?? 0)
  const lostStart = truncated && (
    <p className="context-meter__note context-meter__note--warn">
      {name} no longer sees the start of this conversation
    </p>
  )
  if (!known) return lostStart || null
  if (effective === null || effective <= 0) {
    return (
      <>
        <p className="context-meter__note">{formatTokenCount(used)} tokens used</p>
        {lostStart}
      </>
    )
  }
  const percent = Math.min(100, Math.round((used / effective) * 100))
  const full = percent >= FULL_WARNING_PERCENT
  const amount = `${formatTokenCount(used)} of ${formatContext(effective)} tokens`
  return (
    <>
      <div className={`context-meter__row${full ? ' context-meter__row--full' : ''}`}>
        <div
          className="context-meter__bar"
          role="meter"
          aria-label="Context used"
          aria-valuemin={0}
          aria-valuemax={effective}
          aria-valuenow={Math.min(used, effective)}
          aria-valuetext={`${amount} (${percent} %)`}
        >
          <span className="context-meter__fill" style={{ width: `${percent}%` }} />
        </div>
        <span className="context-meter__text">{amount}</span>
        {full && <span className="context-meter__full">context {percent} % full</span>}
      </div>
      {lostStart}
    </>
  )
}
