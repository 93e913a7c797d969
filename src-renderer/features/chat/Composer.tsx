import { ArrowUp, Square } from 'lucide-react'
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react'
import { shortModelName } from '../../../src-shared/format'
import { canReadImages, cannotReadImagesSentence } from '../../../src-shared/image-rule'
import { ErrorNotice } from '../../components/ErrorNotice'
import { selectActiveTurnError, selectInflightFor } from '../../store/chat-slice'
import { selectActiveModelName } from '../../store/conversations-slice'
import { selectModel } from '../../store/models-slice'
import { useApp, useAppStore } from '../../store/store-context'
import { ContextMeter } from './ContextMeter'
import { AttachImageButton } from './images/AttachImageButton'
import { ImageAttachments } from './images/ImageAttachments'
import { useImageAttachments } from './images/use-image-attachments'
import { useImageDrop } from './images/use-image-drop'

const MAX_HEIGHT_PX = 280

/**
 * The message box: Enter sends, Shift+Enter adds a line, it grows with its text. While a reply streams
 * the send button becomes Stop. Each conversation keeps its own unsent text while the app runs (also across
 * a visit to Models or Settings), and if nothing could be sent the text comes back, so nothing typed is lost.
 * Images for a vision model come by the attach button, by paste into the box or by a drop anywhere on the chat
 * view, and wait as thumbnails until sent; for another model each of those says why it cannot take them.
 */
export function Composer() {
  const input = useRef<HTMLTextAreaElement>(null)
  const form = useRef<HTMLFormElement>(null)
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
  const modelInfo = useApp(selectModel(model))
  const imageRefusal = imageRefusalFor(model, modelInfo?.capabilities)
  const attachments = useImageAttachments(draftKey, imageRefusal)
  const addImages = attachments.add
  const dragging = useImageDrop(
    form,
    useCallback((files: File[]) => void addImages(files), [addImages]),
  )
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
    const images = attachments.take()
    setDraft(draftKey, '')
    void send(
      sent,
      images.map((image) => image.base64),
    ).then((accepted) => {
      if (accepted) return
      // A first message creates the conversation, so the text belongs to whatever is open now.
      const { activeConversationId, composerDrafts } = store.getState()
      const key = activeConversationId ?? ''
      if ((composerDrafts[key] ?? '') === '') setDraft(key, sent)
      attachments.restore(key, images)
    })
  }

  return (
    <div className="composer-wrap">
      {turnError && <ErrorNotice error={turnError} onDismiss={() => dismissError(activeId ?? '')} />}
      <ContextMeter />
      {attachments.problem !== null && (
        <p className="composer__problem" role="alert">
          {attachments.problem}
          <button type="button" className="composer__problem-dismiss" onClick={attachments.dismissProblem}>
            Dismiss
          </button>
        </p>
      )}
      <form
        ref={form}
        className={`composer${dragging ? ' composer--drop' : ''}${attachments.images.length > 0 ? ' composer--with-images' : ''}`}
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <ImageAttachments images={attachments.images} onRemove={attachments.remove} />
        <AttachImageButton refusal={imageRefusal} onFiles={(files) => void attachments.add(files)} />
        <textarea
          ref={input}
          id="composer-input"
          className="composer__input"
          aria-label="Message"
          placeholder={model === null ? 'Pick a model to start' : `Message ${model}`}
          rows={1}
          value={text}
          onChange={(event) => setDraft(draftKey, event.target.value)}
          onPaste={(event) => {
            // Only pasted files are taken here; pasted text goes into the box as usual.
            const files = [...event.clipboardData.files]
            if (files.length === 0) return
            event.preventDefault()
            void attachments.add(files)
          }}
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

/** Why the open conversation's model cannot take images, as the attach button and a refused drop or paste say it. */
function imageRefusalFor(model: string | null, capabilities: readonly string[] | undefined): string | null {
  if (model === null) return 'Pick a model first'
  const name = shortModelName(model)
  if (capabilities === undefined) return `ollmchat does not know yet whether ${name} can read images`
  return canReadImages(capabilities) ? null : cannotReadImagesSentence(name)
}
