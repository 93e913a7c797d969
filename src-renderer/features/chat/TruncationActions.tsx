import { useEffect, useRef, useState } from 'react'
import { formatContext, shortModelName } from '../../../src-shared/format'
import type { AppError } from '../../../src-shared/ipc/result'
import type { NoticeInfo } from '../../../src-shared/types'
import { ErrorNotice } from '../../components/ErrorNotice'
import { errorText } from '../../lib/error-text'
import { selectModel } from '../../store/models-slice'
import { useApp } from '../../store/store-context'
import { ProgressLine } from './ProgressLine'

type TruncatedNotice = Extract<NoticeInfo, { kind: 'context-truncated' }>

/** The two ways out when Ollama dropped the start of a conversation: a longer context, or a fresh chat. */
export function TruncationActions({ notice, conversationId }: { notice: TruncatedNotice; conversationId: string }) {
  return (
    <div className="notice-actions">
      <RaiseContext notice={notice} />
      <ContinueFromSummary conversationId={conversationId} />
    </div>
  )
}

/**
 * "Raise the context to 16K" sets the model's context; once the model's setting is at least that (now, or
 * raised earlier), the notice says so instead. Without a larger context to offer, it says why.
 */
function RaiseContext({ notice }: { notice: TruncatedNotice }) {
  const model = useApp(selectModel(notice.model))
  const setNumCtx = useApp((state) => state.setNumCtx)
  const [saving, setSaving] = useState(false)
  const [failure, setFailure] = useState<AppError | null>(null)
  const [raisedHere, setRaisedHere] = useState(false)
  const doneRef = useRef<HTMLParagraphElement>(null)
  const { raiseTo } = notice
  const setting = model?.customNumCtx ?? null
  const raisedTo = setting !== null && raiseTo !== null && setting >= raiseTo ? setting : raisedHere ? raiseTo : null

  useEffect(() => {
    // The button is gone once it worked: keep the keyboard where the person was, on the sentence that replaced it.
    if (raisedHere) doneRef.current?.focus()
  }, [raisedHere])

  if (raisedTo !== null) {
    return (
      <p className="notice-actions__done" ref={doneRef} tabIndex={-1}>
        Context raised to {formatContext(raisedTo)} for {shortModelName(notice.model)}: used from your next message.
      </p>
    )
  }
  if (raiseTo === null) {
    return notice.raiseBlockedReason ? <p className="notice-actions__note">{notice.raiseBlockedReason}</p> : null
  }
  const raise = async () => {
    setSaving(true)
    setFailure(null)
    const error = await setNumCtx(notice.model, raiseTo)
    setSaving(false)
    if (error) setFailure(error)
    else setRaisedHere(true)
  }
  return (
    <>
      <button type="button" className="button button--primary" disabled={saving} onClick={() => void raise()}>
        Raise the context to {formatContext(raiseTo)}
      </button>
      {failure && (
        <p className="field-error" role="alert">
          {errorText(failure)}
        </p>
      )}
    </>
  )
}

/** Has the model summarise the conversation and opens a new one from it; shows its progress with Stop. */
function ContinueFromSummary({ conversationId }: { conversationId: string }) {
  const run = useApp((state) => state.summaries[conversationId])
  const error = useApp((state) => state.summaryErrors[conversationId])
  const start = useApp((state) => state.continueFromSummary)
  const cancel = useApp((state) => state.cancelSummary)
  const dismiss = useApp((state) => state.dismissSummaryError)

  return (
    <>
      <div className="notice-actions__progress" role="status">
        {run && (
          <ProgressLine text={run.cancelRequested ? 'Stopping…' : (run.progressText ?? 'Starting the summary…')} />
        )}
      </div>
      {run ? (
        <button
          type="button"
          className="button"
          aria-label="Stop the summary"
          disabled={run.cancelRequested}
          onClick={() => void cancel(conversationId)}
        >
          Stop
        </button>
      ) : (
        <button type="button" className="button" onClick={() => void start(conversationId)}>
          Continue in a new chat from a summary
        </button>
      )}
      {error && <ErrorNotice error={error} onDismiss={() => dismiss(conversationId)} />}
    </>
  )
}
