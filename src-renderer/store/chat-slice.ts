import type { EventMap } from '../../src-shared/ipc/contract'
import type { AppError, Result } from '../../src-shared/ipc/result'
import type { ChatPhase, ChatTurn } from '../../src-shared/types'
import { newRequestId } from '../lib/request-id'
import { selectActiveModelName } from './conversations-slice'
import { createChatEventActions } from './chat-event-actions'
import { withTurn, type DeltaBatch } from './chat-events'
import { omitKey } from './message-list'
import { safeCall } from './safe-call'
import type { AppState, GetAppState, SetAppState, SliceCreator } from './types'

/**
 * One reply running in the core: asked for by this window (`own`), or learnt of from `chat:started` or `chat:running`
 * (another window, or this page before a reload), which this window can show and stop all the same.
 */
export interface InflightTurn {
  requestId: string
  conversationId: string
  /** `null` for a reply this window did not start. */
  kind: 'send' | 'regenerate' | 'edit' | null
  /** Started by this window, which then hears how it ended from its own request rather than from `chat:ended`. */
  own: boolean
  /** The text being sent, shown until `chat:started` brings the stored user message. */
  pendingText: string | null
  assistantMessageId: string | null
  phase: ChatPhase | null
  progressText: string | null
  cancelRequested: boolean
}

/** When a reasoning model started and stopped thinking (epoch ms), for the "Thought for …" line. */
export interface ThinkingTime {
  startedAt: number
  endedAt: number | null
}

/** Sending, stopping, regenerating and editing, plus the chat events that feed the open replies. */
export interface ChatSlice {
  inflight: Record<string, InflightTurn>
  thinkingTimes: Record<string, ThinkingTime>
  /** Per conversation: a turn that failed before anything was saved. */
  turnErrors: Record<string, AppError>
  /** Sends to the open conversation (creating it from the draft first); `false` when nothing was sent. */
  /** `images`: base64 files for a vision model (`images/read-image-file.ts`). */
  send: (text: string, images?: string[]) => Promise<boolean>
  regenerate: (conversationId: string) => Promise<boolean>
  editAndResend: (conversationId: string, messageId: string, text: string) => Promise<boolean>
  /** Stops the conversation's reply; the partial text stays. */
  cancel: (conversationId: string) => Promise<void>
  dismissTurnError: (conversationId: string) => void
  applyStarted: (event: EventMap['chat:started']) => void
  applyProgress: (event: EventMap['chat:progress']) => void
  applyDeltas: (batch: DeltaBatch) => void
  applyNotice: (event: EventMap['chat:notice']) => void
  /** A reply ended, whichever window started it (`chat:ended`). */
  applyEnded: (event: EventMap['chat:ended']) => void
  /** Learns the replies running in the core (`chat:running`): at start, so a reloaded page can show and stop them. */
  loadRunningReplies: () => Promise<void>
  /** Asks `chat:running` again after the event stream came back, and follows what changed in the gap. */
  reconcileRunningReplies: () => Promise<void>
}

const BUSY: AppError = { code: 'BUSY', message: 'This conversation is still answering.' }

/**
 * One turn this window asks for (a send, a regenerate or an edit): refused while the conversation still answers,
 * followed in `inflight` until main answers with the saved turn or the reason it failed.
 */
async function runTurn(
  set: SetAppState,
  get: GetAppState,
  kind: InflightTurn['kind'],
  conversationId: string,
  pendingText: string | null,
  call: (requestId: string) => Promise<Result<ChatTurn>>,
): Promise<boolean> {
  if (selectInflightFor(conversationId)(get())) {
    set((state) => ({ turnErrors: { ...state.turnErrors, [conversationId]: BUSY } }))
    return false
  }
  const requestId = newRequestId()
  const turn: InflightTurn = {
    requestId,
    conversationId,
    kind,
    own: true,
    pendingText,
    assistantMessageId: null,
    phase: null,
    progressText: null,
    cancelRequested: false,
  }
  set((state) => ({
    inflight: { ...state.inflight, [requestId]: turn },
    turnErrors: omitKey(state.turnErrors, conversationId),
  }))
  const result = await call(requestId)
  const started = get().inflight[requestId]?.assistantMessageId != null
  set((state) => ({ inflight: omitKey(state.inflight, requestId) }))
  if (result.ok) {
    set((state) => withTurn(state, result.value, Date.now()))
    // `chat:started` already dropped what a regenerate or an edit replaces; only when it was missed (the
    // event stream reconnected) can the list be stale, and main's stored conversation is the truth.
    if (!started) void get().loadMessages(conversationId)
    return true
  }
  if (result.error.code !== 'CANCELLED') {
    set((state) => ({ turnErrors: { ...state.turnErrors, [conversationId]: result.error } }))
  }
  if (started) void get().loadMessages(conversationId)
  return false
}

export const createChatSlice: SliceCreator<ChatSlice> = (bridge) => (set, get, store) => ({
  inflight: {},
  thinkingTimes: {},
  turnErrors: {},

  async send(text, images = []) {
    const trimmed = text.trim()
    if (trimmed === '') return false
    let conversationId = get().activeConversationId
    if (conversationId === null) {
      if (selectActiveModelName(get()) === null) return false
      set((state) => ({ turnErrors: omitKey(state.turnErrors, '') }))
      const created = await get().createFromDraft()
      if (!created.ok) {
        set((state) => ({ turnErrors: { ...state.turnErrors, '': created.error } }))
        return false
      }
      conversationId = created.value.id
    }
    const id = conversationId
    return runTurn(set, get, 'send', id, trimmed, (requestId) =>
      safeCall(bridge, 'chat:send', {
        requestId,
        conversationId: id,
        text: trimmed,
        ...(images.length > 0 ? { images } : {}),
      }),
    )
  },

  regenerate(conversationId) {
    return runTurn(set, get, 'regenerate', conversationId, null, (requestId) =>
      safeCall(bridge, 'chat:regenerate', { requestId, conversationId }),
    )
  },

  editAndResend(conversationId, messageId, text) {
    const trimmed = text.trim()
    if (trimmed === '') return Promise.resolve(false)
    return runTurn(set, get, 'edit', conversationId, null, (requestId) =>
      safeCall(bridge, 'chat:editAndResend', { requestId, conversationId, messageId, text: trimmed }),
    )
  },

  async cancel(conversationId) {
    const turn = selectInflightFor(conversationId)(get())
    if (!turn) return
    set((state) => ({ inflight: { ...state.inflight, [turn.requestId]: { ...turn, cancelRequested: true } } }))
    // By request: the reply this window knows of, and no other that may have started since.
    const result = await safeCall(bridge, 'chat:cancel', { requestId: turn.requestId })
    // A reply started elsewhere that the core no longer runs ended while this window missed its `chat:ended` (the
    // event stream reconnected, or the end came before the running list): it goes, and the saved reply is read.
    if (result.ok && !result.value.cancelled && !turn.own && get().inflight[turn.requestId] !== undefined) {
      set((state) => ({ inflight: omitKey(state.inflight, turn.requestId) }))
      void get().loadMessages(conversationId)
    }
  },

  dismissTurnError(conversationId) {
    set((state) => ({ turnErrors: omitKey(state.turnErrors, conversationId) }))
  },

  ...createChatEventActions(bridge)(set, get, store),
})

/** The reply in progress for a conversation, if this window started one. */
export const selectInflightFor =
  (conversationId: string | null) =>
  (state: AppState): InflightTurn | undefined =>
    conversationId === null
      ? undefined
      : Object.values(state.inflight).find((turn) => turn.conversationId === conversationId)

/** The error to show above the composer: the open conversation's, or the draft's (key `''`). */
export const selectActiveTurnError = (state: AppState): AppError | undefined =>
  state.turnErrors[state.activeConversationId ?? '']
