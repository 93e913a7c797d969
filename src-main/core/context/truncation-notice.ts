import { aContext, formatContext, shortModelName } from '../../../src-shared/format'
import type { ChatMessage, ContextReport, NoticeInfo } from '../../../src-shared/types'
import type { ContextFacts } from './context-facts'
import type { MemoryModel } from './memory-estimate'
import { raiseTarget } from './raise-target'

/** A notice to add to the conversation: its sentence and its structure. */
export interface NoticeDraft {
  content: string
  notice: NoticeInfo
}

/** `the first message`, `the first 12 messages`. */
const firstMessages = (count: number) =>
  count === 1 ? 'the first message' : `the first ${count.toLocaleString('en-US')} messages`

/**
 * The notice for a reply whose prompt Ollama truncated, or `null` when none is due: the reply was not truncated,
 * or the conversation already has one for the same context (said once, not under every reply; said again after the
 * context changed and it happens anew). It names the model, what it no longer sees and the context it runs with, and
 * carries the "Raise the context" value (`raiseTarget`).
 */
export function truncationNotice(input: {
  model: string
  report: ContextReport
  history: readonly ChatMessage[]
  memory: MemoryModel | null
  facts: ContextFacts
  hasSystemPrompt: boolean
  /** What the system prompt and the last message need on their own (a cut message needs at least that). */
  lastMessageTokens: number
}): NoticeDraft | null {
  const { model, report, history } = input
  if (!report.truncated) return null
  const effective = report.effective
  // An unknown context on either side counts as the same one: saying it twice would be noise.
  const already = history.some(
    (message) =>
      message.notice?.kind === 'context-truncated' &&
      message.notice.model === model &&
      (message.notice.effective === effective || message.notice.effective === null || effective === null),
  )
  if (already) return null
  const name = shortModelName(model)
  const context = effective === null ? 'the context it runs with' : aContext(effective)
  const content = report.messageCut
    ? `Your message is too long for ${name}'s ${effective === null ? 'context' : `${formatContext(effective)} context`}: Ollama kept only its end, so ${name} did not see the start of it${input.hasSystemPrompt ? ' or the system prompt' : ''}.`
    : `${name} no longer sees ${firstMessages(report.droppedMessages)} of this chat: it runs with ${context}.`
  const current = effective ?? report.asked
  const target =
    current === null
      ? { raiseTo: null, blockedReason: 'ollmchat does not know the context it runs with yet.' }
      : raiseTarget(model, current, {
          weightsBytes: input.memory?.weightsBytes ?? 0,
          kvShape: input.memory?.kvShape ?? null,
          trainedContext: input.memory?.trainedContext ?? null,
          outOfMemoryFloor: input.facts.outOfMemoryFloor(),
          // A cut message needs room for all of itself; dropped history only the next step.
          neededTokens: report.messageCut ? input.lastMessageTokens : 0,
        })
  return {
    content,
    notice: {
      kind: 'context-truncated',
      model,
      effective,
      droppedMessages: report.droppedMessages,
      raiseTo: target.raiseTo,
      raiseBlockedReason: target.blockedReason,
    },
  }
}
