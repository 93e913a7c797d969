import { ExternalLink } from 'lucide-react'
import { useState } from 'react'
import { formatContext, shortModelName } from '../../src-shared/format'
import type { ErrorAction as Action } from '../../src-shared/ipc/result'
import { errorText } from '../lib/error-text'
import { safeOllamaLink } from '../../src-shared/links'
import { useApp } from '../store/store-context'

/**
 * The fix to offer for a failure, if any. A link is offered only to an https page of ollama.com: an error
 * message must not become a way to open other sites.
 */
export function offeredAction(action: Action | undefined): Action | null {
  if (action === undefined) return null
  if (action.kind === 'open-link' && safeOllamaLink(action.url) === null) return null
  return action
}

/** The one-click fix main offered with a failure (see `offeredAction`): another context, or a sign-in page. */
export function ErrorAction({ action }: { action: Action }) {
  if (action.kind === 'set-num-ctx') {
    // Keyed by what it sets, so a slot that goes on to show another failure (the composer's, when another
    // conversation opens) does not keep saying "Done" for a fix nobody ran; the same fix (say, after the
    // messages reloaded) stays done, because it is.
    return <SetNumCtxAction key={`${action.model} ${action.numCtx}`} action={action} />
  }
  const url = safeOllamaLink(action.url)
  if (url === null) return null
  return (
    <a className="button" href={url} target="_blank" rel="noreferrer noopener">
      {action.label}
      <ExternalLink size={13} aria-hidden />
    </a>
  )
}

type SetState = { step: 'idle' | 'saving' | 'done' } | { step: 'failed'; message: string }

function SetNumCtxAction({ action }: { action: Extract<Action, { kind: 'set-num-ctx' }> }) {
  const setNumCtx = useApp((state) => state.setNumCtx)
  const [state, setState] = useState<SetState>({ step: 'idle' })

  const run = async () => {
    setState({ step: 'saving' })
    const failure = await setNumCtx(action.model, action.numCtx)
    setState(failure ? { step: 'failed', message: errorText(failure) } : { step: 'done' })
  }

  if (state.step === 'done') {
    return (
      <p className="error-notice__result">
        Done: {shortModelName(action.model)} uses {formatContext(action.numCtx)} from your next message.
      </p>
    )
  }
  return (
    <>
      <button type="button" className="button" disabled={state.step === 'saving'} onClick={() => void run()}>
        {action.label}
      </button>
      {state.step === 'failed' && <p className="error-notice__result">{state.message}</p>}
    </>
  )
}
