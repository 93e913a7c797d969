import { shortModelName } from '../../../src-shared/format'
import type { ConversationSummary } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import { estimatePrompt, promptParts } from '../context/prompt-estimate'
import type { ChatMessageIn } from '../ollama/types'
import { promptEntries, type PromptEntry } from './conversation-text'
import type { ReplyDeps } from './reply-runner'
import { planServingModel } from './serving-model'

/** Room kept for the instructions, the summary of the parts before, and the summary being written. */
const ROOM_TOKENS = 1536
/** The context assumed when Ollama has not said yet (its smallest automatic choice). */
const FALLBACK_CONTEXT = 4096
/** A summary longer than this is cut: it becomes part of every later prompt of the new chat. */
const MAX_SUMMARY_CHARS = 8000

const INSTRUCTIONS =
  'You summarise conversations so they can be continued in a new chat. Keep every fact, decision, name, number, ' +
  'code identifier and open question that a later answer may need; drop greetings and repetition. Write plain ' +
  'sentences and short lists, in the language of the conversation, addressed to the assistant who continues it.'

const transcript = (entries: readonly PromptEntry[]) =>
  entries.map(({ message }) => `${message.role === 'user' ? 'User' : message.role === 'assistant' ? 'Assistant' : 'Instructions'}: ${message.content}`).join('\n\n')

/** Splits the conversation into consecutive parts that each fit `budget` tokens (a part holds at least one message). */
export function summaryParts(entries: readonly PromptEntry[], budget: number): PromptEntry[][] {
  const tokens = estimatePrompt(promptParts(entries)).perPart
  const parts: PromptEntry[][] = []
  let current: PromptEntry[] = []
  let used = 0
  entries.forEach((entry, index) => {
    const size = tokens[index] ?? 0
    if (current.length > 0 && used + size > budget) {
      parts.push(current)
      current = []
      used = 0
    }
    current.push(entry)
    used += size
  })
  if (current.length > 0) parts.push(current)
  return parts
}

function requestFor(part: readonly PromptEntry[], index: number, count: number, before: string): ChatMessageIn[] {
  const which = count === 1 ? 'the whole conversation' : `part ${index + 1} of ${count} of the conversation`
  const earlier = before === '' ? '' : `Summary of the earlier parts:\n${before}\n\n`
  const ask = count === 1 || index === count - 1 ? 'Write the summary of the whole conversation now.' : 'Write the summary of everything so far now.'
  return [
    { role: 'system', content: INSTRUCTIONS },
    { role: 'user', content: `${earlier}Here is ${which}:\n\n${transcript(part)}\n\n${ask}` },
  ]
}

/**
 * "Continue in a new chat from a summary": the conversation's model (through the same temporary model as its
 * replies, so Ollama does not reload it) summarises the conversation, part by part when it is longer than the context
 * it runs with, each part's summary carried into the next. The new conversation starts with the same model and
 * system prompt plus the summary, and a notice that shows the summary and links back. Cancellable at any point;
 * nothing is created unless the summary was written.
 */
export async function continueFromSummary(deps: ReplyDeps, input: { requestId: string; conversation: ConversationSummary; signal: AbortSignal }): Promise<ConversationSummary> {
  const { history, events } = deps
  const { conversation, signal, requestId } = input
  const model = conversation.model
  if (model === null) throw new AppFailure('INVALID_INPUT', 'Pick a model for this conversation first.')
  const name = shortModelName(model)
  const progress = (text: string) => events.emit('chat:progress', { requestId, conversationId: conversation.id, phase: 'summarizing', text })
  const { client, tempModels, facts } = deps.connection()
  const plan = await planServingModel({ baseModel: model, numCtx: deps.numCtxFor(model), tempModels, log: deps.log, signal, onPreparing: progress })
  try {
    const entries = promptEntries('', history.listMessages(conversation.id))
    if (entries.length === 0) throw new AppFailure('INVALID_INPUT', 'There is nothing to summarise yet.')
    const known = facts.known({ servedBy: plan.model, baseModel: model, requestNumCtx: plan.requestNumCtx })
    const context = known?.contextLength ?? plan.numCtx ?? FALLBACK_CONTEXT
    const parts = summaryParts(entries, Math.max(512, context - ROOM_TOKENS))
    let summary = ''
    for (const [index, part] of parts.entries()) {
      progress(`${name} is writing a summary of “${conversation.title}”${parts.length > 1 ? ` (part ${index + 1} of ${parts.length})` : ''}…`)
      const request = { model: plan.model, messages: requestFor(part, index, parts.length, summary) }
      let text = ''
      for await (const chunk of client.chat(plan.requestNumCtx === null ? request : { ...request, numCtx: plan.requestNumCtx }, { signal })) {
        text += chunk.content
        if (chunk.done) break
      }
      summary = text.trim().slice(0, MAX_SUMMARY_CHARS)
    }
    if (summary === '') throw new AppFailure('OLLAMA_ERROR', `${name} wrote an empty summary. Try again, or start a new chat yourself.`)
    const systemPrompt = [conversation.systemPrompt.trim(), `Summary of an earlier conversation (“${conversation.title}”):\n${summary}`]
      .filter((part) => part !== '')
      .join('\n\n')
    const created = history.createConversation({ model, systemPrompt, title: `${conversation.title} (continued)`.slice(0, 200) })
    history.appendMessage({
      conversationId: created.id,
      role: 'notice',
      content: `${name} starts this chat with a summary of “${conversation.title}”, kept in its system prompt:\n\n${summary}`,
      status: 'complete',
      notice: { kind: 'continued-from', conversationId: conversation.id, title: conversation.title },
    })
    return history.getConversation(created.id) ?? created
  } finally {
    plan.release()
  }
}
