import { shortModelName } from '../../../src-shared/format'
import { MAX_SYSTEM_PROMPT_CHARS } from '../../../src-shared/limits'
import type { ConversationSummary } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import { estimatePrompt, promptParts } from '../context/prompt-estimate'
import type { ChatMessageIn } from '../ollama/types'
import { promptEntries, type PromptEntry } from './conversation-text'
import type { ReplyConnection, ReplyDeps } from './reply-runner'
import { planServingModel } from './serving-model'

/** The context assumed when Ollama has not said yet (its smallest automatic choice). */
const FALLBACK_CONTEXT = 4096
/** The longest summary asked for (`num_predict`), at most a quarter of the context: it opens every later prompt. */
const MAX_SUMMARY_TOKENS = 1024
/** The instructions and the framing of each request, generously. */
const INSTRUCTION_TOKENS = 200

const INSTRUCTIONS =
  'You summarise conversations so they can be continued in a new chat. Keep every fact, decision, name, number, ' +
  'code identifier and open question that a later answer may need; drop greetings and repetition. Write plain ' +
  'sentences and short lists, in the language of the conversation, addressed to the assistant who continues it.'

const transcript = (entries: readonly PromptEntry[]) =>
  entries
    .map(
      ({ message }) =>
        `${message.role === 'user' ? 'User' : message.role === 'assistant' ? 'Assistant' : 'Instructions'}: ${message.content}`,
    )
    .join('\n\n')

/** An entry cut into pieces of at most `budget` estimated tokens each (a message longer than a whole part). */
function sliced(entry: PromptEntry, tokens: number, budget: number): PromptEntry[] {
  if (tokens <= budget) return [entry]
  const pieces = Math.ceil(tokens / budget)
  const size = Math.ceil(entry.message.content.length / pieces)
  return Array.from({ length: pieces }, (_, i) => ({
    message: { ...entry.message, content: entry.message.content.slice(i * size, (i + 1) * size) },
    source: entry.source,
  }))
}

/**
 * Splits the conversation into consecutive parts that each fit `budget` tokens; a part holds at least one message,
 * and a message longer than the budget is cut into pieces of its own.
 */
export function summaryParts(entries: readonly PromptEntry[], budget: number): PromptEntry[][] {
  const tokens = estimatePrompt(promptParts(entries, null)).perPart
  const parts: PromptEntry[][] = []
  let current: PromptEntry[] = []
  let used = 0
  entries.forEach((entry, index) => {
    const size = tokens[index] ?? 0
    const pieces = sliced(entry, size, budget)
    for (const piece of pieces) {
      const pieceSize = size / pieces.length
      if (current.length > 0 && used + pieceSize > budget) {
        parts.push(current)
        current = []
        used = 0
      }
      current.push(piece)
      used += pieceSize
    }
  })
  if (current.length > 0) parts.push(current)
  return parts
}

function requestFor(part: readonly PromptEntry[], index: number, count: number, before: string): ChatMessageIn[] {
  const which = count === 1 ? 'the whole conversation' : `part ${index + 1} of ${count} of the conversation`
  const earlier = before === '' ? '' : `Summary of the earlier parts:\n${before}\n\n`
  const ask =
    count === 1 || index === count - 1
      ? 'Write the summary of the whole conversation now.'
      : 'Write the summary of everything so far now.'
  return [
    { role: 'system', content: INSTRUCTIONS },
    { role: 'user', content: `${earlier}Here is ${which}:\n\n${transcript(part)}\n\n${ask}` },
  ]
}

/** The system prompt followed by the summary, the summary cut where the whole would pass the system prompt limit. */
function withSummary(systemPrompt: string, heading: string, summary: string): string {
  const before = systemPrompt === '' ? '' : `${systemPrompt}\n\n`
  return `${before}${heading}${summary}`.slice(0, MAX_SYSTEM_PROMPT_CHARS)
}

/**
 * "Continue in a new chat from a summary": the conversation's model (through the same temporary model as its
 * replies, so Ollama does not reload it) summarises the conversation, part by part when it is longer than the context
 * it runs with, each part's summary carried into the next. The new conversation starts with the same model and
 * system prompt plus the summary, and a notice that shows the summary and links back. Cancellable at any point;
 * nothing is created unless the summary was written.
 */
export async function continueFromSummary(
  deps: ReplyDeps,
  input: { requestId: string; conversation: ConversationSummary; connection: ReplyConnection; signal: AbortSignal },
): Promise<ConversationSummary> {
  const { history, events } = deps
  const { conversation, signal, requestId } = input
  const model = conversation.model
  if (model === null) throw new AppFailure('INVALID_INPUT', 'Pick a model for this conversation first.')
  const name = shortModelName(model)
  const progress = (text: string) =>
    events.emit('chat:progress', { requestId, conversationId: conversation.id, phase: 'summarizing', text })
  const { client, tempModels, facts } = input.connection
  const plan = await planServingModel({
    baseModel: model,
    numCtx: deps.numCtxFor(client.host, model),
    tempModels,
    log: deps.log,
    signal,
    onPreparing: progress,
  })
  try {
    const entries = promptEntries('', history.listMessages(conversation.id))
    if (entries.length === 0) throw new AppFailure('INVALID_INPUT', 'There is nothing to summarise yet.')
    const known = facts.known({ servedBy: plan.model, baseModel: model, requestNumCtx: plan.requestNumCtx })
    const context = known?.contextLength ?? plan.numCtx ?? FALLBACK_CONTEXT
    // Each request holds the instructions, the summary so far (at most `summaryTokens`, Ollama stops it there), a
    // part of the conversation, and room for the new summary: so a part gets what is left of the context.
    const summaryTokens = Math.min(MAX_SUMMARY_TOKENS, Math.floor(context / 4))
    const parts = summaryParts(entries, Math.max(256, context - 2 * summaryTokens - INSTRUCTION_TOKENS))
    let summary = ''
    for (const [index, part] of parts.entries()) {
      progress(
        `${name} is writing a summary of “${conversation.title}”${parts.length > 1 ? ` (part ${index + 1} of ${parts.length})` : ''}…`,
      )
      const request = {
        model: plan.model,
        messages: requestFor(part, index, parts.length, summary),
        numPredict: summaryTokens,
      }
      let text = ''
      for await (const chunk of client.chat(
        plan.requestNumCtx === null ? request : { ...request, numCtx: plan.requestNumCtx },
        { signal },
      )) {
        text += chunk.content
        if (chunk.done) break
      }
      summary = text.trim()
    }
    if (summary === '')
      throw new AppFailure('OLLAMA_ERROR', `${name} wrote an empty summary. Try again, or start a new chat yourself.`)
    const systemPrompt = withSummary(
      conversation.systemPrompt.trim(),
      `Summary of an earlier conversation (“${conversation.title}”):\n`,
      summary,
    )
    const created = history.createConversation({
      model,
      systemPrompt,
      title: `${conversation.title} (continued)`.slice(0, 200),
    })
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
