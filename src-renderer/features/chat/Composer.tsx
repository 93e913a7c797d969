import { ArrowUp, Square } from 'lucide-react'
import { useEffect, useLayoutEffect, useRef } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice'
import { selectActiveTurnError, selectInflightFor } from '../../store/chat-slice'
import { selectActiveModelName } from '../../store/conversations-slice'
import { useApp, useAppStore } from '../../store/store-context'
import { ContextMeter } from './ContextMeter'

const MAX_HEIGHT_PX = 280

/**
 * The message box: Enter sends, Shift+Enter adds a line, it grows with its text. While a reply streams
 * the send button becomes Stop. Each conversation keeps its own unsent text while the app runs (also across
 * a visit to Models or Settings), and if nothing could be sent the text comes back, so nothing typed is lost.
 */
export function Composer() {
  const input = useRef<HTMLTextAreaElement>(null)
  const store = useAppStore()
  const activeId = useApp((state) => state.activeConversationId)
  const draftKey = activeId ?? ''
  const text = useApp((state) => state.composerDrafts[draftKey] ?? '')
  const setDraft = useApp((state) => state.setComposerDraft)
  const model = useApp(selectActiveModelName)
  const turn = useApp(selectInflightFor(activeId))
  const turnError = useApp(selectActiveTurnError)
  const send = useApp((state) => state.send)
  const cancel = useApp((state) => state.cancel)
  const dismissError = useApp((state) => state.dismissTurnError)
  const canSend = text.trim() !== '' && model !== null && turn === undefined

  useEffect(() => {
    input.current?.focus()
  }, [draftKey])

  useLayoutEffect(() => {
    const element = input.current
    if (!element) return
    element.style.height = 'auto'
    element.style.height = `${Math.min(element.scrollHeight, MAX_HEIGHT_PX)}px`
  }, [text])

  const submit = () => {
    if (!canSend) return
    const sent = text
    setDraft(draftKey, '')
    void send(sent).then((accepted) => {
      if (accepted) return
      // A first message creates the conversation, so the text belongs to whatever is open now.
      const { activeConversationId, composerDrafts } = store.getState()
      const key = activeConversationId ?? ''
      if ((composerDrafts[key] ?? '') === '') setDraft(key, sent)
    })
  }

  return (
    <div className="composer-wrap">
      {turnError && <ErrorNotice error={turnError} onDismiss={() => dismissError(activeId ?? '')} />}
      <ContextMeter />
      <form
        className="composer"
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <textarea
          ref={input}
          id="composer-input"
          className="composer__input"
          aria-label="Message"
          placeholder={model === null ? 'Pick a model to start' : `Message ${model}`}
          rows={1}
          value={text}
          onChange={(event) => setDraft(draftKey, event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault()
              submit()
            }
          }}
        />
        {turn ? (
          <button
            type="button"
            className="composer__button composer__button--stop"
            aria-label="Stop reply (Esc)"
            title="Stop reply (Esc)"
            onClick={() => void cancel(turn.conversationId)}
            disabled={turn.cancelRequested}
          >
            <Square size={14} aria-hidden fill="currentColor" />
          </button>
        ) : (
          <button
            type="submit"
            className="composer__button"
            aria-label="Send message"
            title={model === null ? 'Pick a model first' : 'Send (Enter)'}
            disabled={!canSend}
          >
            <ArrowUp size={18} aria-hidden />
          </button>
        )}
      </form>
      <p className="composer__hint">Enter to send · Shift+Enter for a new line · Esc stops a reply</p>
    </div>
  )
}
