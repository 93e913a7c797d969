import type { EventMap } from '../../src-shared/ipc/contract'
import type { ChatMessage, ChatTurn } from '../../src-shared/types'
import { branchAt, findMessage, upsertConversation, upsertMessage } from './message-list'
import type { InflightTurn } from './chat-slice'
import type { AppState } from './types'

/** Deltas gathered during one animation frame, per assistant message. */
export type DeltaBatch = Record<string, { content: string; thinking: string }>

type Patch = Partial<AppState>

/**
 * `chat:started`: the turn's messages exist. Each new message follows its parent: an edit or a regenerate is a new
 * version beside what it replaces, so the path shown is cut after the parent before it is added. The conversation's
 * new title and activity time arrive with it, so the list re-sorts before the reply ends.
 */
export function withStarted(state: AppState, event: EventMap['chat:started']): Patch {
  // A reply another window started is followed too, so this one can show and stop it.
  const turn = state.inflight[event.requestId] ?? elsewhereTurn(event.requestId, event.conversationId)
  const inflight = {
    ...state.inflight,
    [event.requestId]: { ...turn, assistantMessageId: event.assistantMessage.id, pendingText: null },
  }
  const conversations = upsertConversation(state.conversations, event.conversation)
  const list = state.messagesByConversation[event.conversationId]
  if (list === undefined) return { inflight, conversations }
  let next = event.userMessage === null ? list : branchAt(list, event.userMessage)
  next = branchAt(next, event.assistantMessage)
  return {
    inflight,
    conversations,
    messagesByConversation: { ...state.messagesByConversation, [event.conversationId]: next },
  }
}

/** A reply this window did not start, as it first learns of it. */
export function elsewhereTurn(requestId: string, conversationId: string): InflightTurn {
  return {
    requestId,
    conversationId,
    kind: null,
    own: false,
    pendingText: null,
    assistantMessageId: null,
    phase: null,
    progressText: null,
    cancelRequested: false,
  }
}

/** `chat:progress`: the honest line about what the reply waits for. */
export function withProgress(state: AppState, event: EventMap['chat:progress']): Patch {
  const turn = state.inflight[event.requestId]
  if (!turn) return {}
  return {
    inflight: { ...state.inflight, [event.requestId]: { ...turn, phase: event.phase, progressText: event.text } },
  }
}

/**
 * Appends a frame's worth of deltas. Only messages still `streaming` grow, so a delta that arrives
 * after the final reply was stored cannot duplicate text. The records that did not change keep their
 * identity, so selectors on them do not fire.
 */
export function withDeltas(state: AppState, batch: DeltaBatch, now: number): Patch {
  let byConversation: Record<string, ChatMessage[]> | null = null
  let thinkingTimes: AppState['thinkingTimes'] | null = null
  for (const [messageId, delta] of Object.entries(batch)) {
    const found = findMessage(byConversation ?? state.messagesByConversation, messageId)
    if (!found || found.message.status !== 'streaming') continue
    const { conversationId, list, index, message } = found
    const next = [...list]
    next[index] = { ...message, content: message.content + delta.content, thinking: message.thinking + delta.thinking }
    byConversation ??= { ...state.messagesByConversation }
    byConversation[conversationId] = next
    const time = state.thinkingTimes[messageId]
    let nextTime = time
    if (delta.thinking !== '' && !time) nextTime = { startedAt: now, endedAt: null }
    if (delta.content !== '' && time && time.endedAt === null) nextTime = { ...time, endedAt: now }
    if (nextTime !== undefined && nextTime !== time) {
      thinkingTimes ??= { ...state.thinkingTimes }
      thinkingTimes[messageId] = nextTime
    }
  }
  if (byConversation === null) return {}
  const patch: Patch = { messagesByConversation: byConversation }
  if (thinkingTimes !== null) patch.thinkingTimes = thinkingTimes
  const inflight = toStreamingPhase(state.inflight, batch)
  if (inflight !== state.inflight) patch.inflight = inflight
  return patch
}

/** Marks the turns whose reply just got text as streaming; the same record when none changes. */
function toStreamingPhase(inflight: AppState['inflight'], batch: DeltaBatch): AppState['inflight'] {
  let next: AppState['inflight'] | null = null
  for (const [requestId, turn] of Object.entries(inflight)) {
    if (
      turn.assistantMessageId === null ||
      turn.phase === 'streaming' ||
      !Object.hasOwn(batch, turn.assistantMessageId)
    ) {
      continue
    }
    next ??= { ...inflight }
    next[requestId] = { ...turn, phase: 'streaming', progressText: null }
  }
  return next ?? inflight
}

/** `chat:notice`: in the order main stores it, after the reply it is about, so it reads the same after a reload. */
export function withNotice(state: AppState, event: EventMap['chat:notice']): Patch {
  const list = state.messagesByConversation[event.conversationId]
  if (list === undefined) return {}
  return {
    messagesByConversation: {
      ...state.messagesByConversation,
      [event.conversationId]: upsertMessage(list, event.message),
    },
  }
}

/** A finished turn as main saved it: the final reply replaces the streamed copy. */
export function withTurn(state: AppState, turn: ChatTurn, now: number): Patch {
  const conversationId = turn.conversation.id
  let list = state.messagesByConversation[conversationId]
  const patch: Patch = { conversations: upsertConversation(state.conversations, turn.conversation) }
  if (list !== undefined) {
    if (turn.userMessage) list = upsertMessage(list, turn.userMessage)
    list = upsertMessage(list, turn.assistantMessage)
    // Stored after the reply they are about, so they read the same live and after a reload.
    for (const notice of turn.notices) list = upsertMessage(list, notice)
    patch.messagesByConversation = { ...state.messagesByConversation, [conversationId]: list }
  }
  const time = state.thinkingTimes[turn.assistantMessage.id]
  if (time && time.endedAt === null) {
    patch.thinkingTimes = { ...state.thinkingTimes, [turn.assistantMessage.id]: { ...time, endedAt: now } }
  }
  return patch
}
