import type { EventMap } from '../../src-shared/ipc/contract'
import type { AppError } from '../../src-shared/ipc/result'
import { newRequestId } from '../lib/request-id'
import { omitKey, upsertConversation } from './message-list'
import { safeCall } from './safe-call'
import type { AppState, SliceCreator } from './types'

/** A "continue in a new chat from a summary" this window started and that has not ended yet. */
export interface SummaryRun {
  requestId: string
  /** The core's line about it (`chat:progress`, phase `summarizing`), e.g. "llama3 is summarising…". */
  progressText: string | null
  cancelRequested: boolean
}

/**
 * Summaries that start a new conversation, keyed by the conversation they summarise. A summary is not a chat
 * turn (no reply is added to the conversation), so it lives here and never in `inflight`.
 */
export interface SummarySlice {
  summaries: Record<string, SummaryRun>
  summaryErrors: Record<string, AppError>
  /** Runs the summary and opens the new conversation; `false` when it failed, was stopped or already runs. */
  continueFromSummary: (conversationId: string) => Promise<boolean>
  cancelSummary: (conversationId: string) => Promise<void>
  dismissSummaryError: (conversationId: string) => void
  /** `chat:progress` for a summary request (connect-events routes by request id). */
  applySummaryProgress: (event: EventMap['chat:progress']) => void
}

export const createSummarySlice: SliceCreator<SummarySlice> = (bridge) => (set, get) => ({
  summaries: {},
  summaryErrors: {},

  async continueFromSummary(conversationId) {
    if (get().summaries[conversationId]) return false
    const requestId = newRequestId()
    set((state) => ({
      summaries: { ...state.summaries, [conversationId]: { requestId, progressText: null, cancelRequested: false } },
      summaryErrors: omitKey(state.summaryErrors, conversationId),
    }))
    const result = await safeCall(bridge, 'conversations:continueFromSummary', { requestId, conversationId })
    set((state) => ({ summaries: omitKey(state.summaries, conversationId) }))
    if (!result.ok) {
      if (result.error.code !== 'CANCELLED') {
        set((state) => ({ summaryErrors: { ...state.summaryErrors, [conversationId]: result.error } }))
      }
      return false
    }
    const created = result.value
    set((state) => ({ conversations: upsertConversation(state.conversations, created) }))
    await get().openConversation(created.id)
    return true
  },

  async cancelSummary(conversationId) {
    const run = get().summaries[conversationId]
    if (!run) return
    set((state) => ({ summaries: { ...state.summaries, [conversationId]: { ...run, cancelRequested: true } } }))
    await safeCall(bridge, 'chat:cancel', { requestId: run.requestId })
  },

  dismissSummaryError(conversationId) {
    set((state) => ({ summaryErrors: omitKey(state.summaryErrors, conversationId) }))
  },

  applySummaryProgress(event) {
    const entry = Object.entries(get().summaries).find(([, run]) => run.requestId === event.requestId)
    if (!entry) return
    const [conversationId, run] = entry
    set((state) => ({ summaries: { ...state.summaries, [conversationId]: { ...run, progressText: event.text } } }))
  },
})

/** True when `requestId` belongs to a summary this window started (its progress is not a chat turn's). */
export const isSummaryRequest =
  (requestId: string) =>
  (state: AppState): boolean =>
    Object.values(state.summaries).some((run) => run.requestId === requestId)
