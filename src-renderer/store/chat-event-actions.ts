import { withDeltas, withNotice, withProgress, withStarted } from './chat-events'
import type { ChatSlice } from './chat-slice'
import { withEnded, withReconciled, withRunning } from './running-replies'
import { safeCall } from './safe-call'
import type { SliceCreator } from './types'

type ChatEventActions = Pick<
  ChatSlice,
  | 'applyStarted'
  | 'applyProgress'
  | 'applyDeltas'
  | 'applyNotice'
  | 'applyEnded'
  | 'loadRunningReplies'
  | 'reconcileRunningReplies'
>

/**
 * The chat slice's half that follows replies as the core reports them (the `chat:*` events and `chat:running`),
 * whichever window started them; the other half, in the slice, asks for them.
 */
export const createChatEventActions: SliceCreator<ChatEventActions> = (bridge) => (set, get) => ({
  applyStarted: (event) => set((state) => withStarted(state, event)),
  applyProgress: (event) => set((state) => withProgress(state, event)),
  applyDeltas: (batch) => set((state) => withDeltas(state, batch, Date.now())),
  applyNotice: (event) => set((state) => withNotice(state, event)),
  applyEnded: (event) => {
    const turn = get().inflight[event.requestId]
    set((state) => withEnded(state, event, Date.now()))
    // Without the saved turn (the conversation went away) the stored messages are the truth.
    if (turn && !turn.own && event.turn === null && get().messagesByConversation[event.conversationId] !== undefined) {
      void get().loadMessages(event.conversationId)
    }
  },
  async loadRunningReplies() {
    const result = await safeCall(bridge, 'chat:running', {})
    if (result.ok) set((state) => withRunning(state, result.value.replies))
  },
  async reconcileRunningReplies() {
    const askedAbout = new Set(Object.keys(get().inflight))
    const result = await safeCall(bridge, 'chat:running', {})
    if (!result.ok) return
    const { patch, ended } = withReconciled(get(), result.value.replies, askedAbout)
    set(patch)
    for (const conversationId of ended) {
      if (get().messagesByConversation[conversationId] !== undefined) void get().loadMessages(conversationId)
    }
  },
})
