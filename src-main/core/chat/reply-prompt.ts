import type { ConversationSummary } from '../../../src-shared/types'
import type { ReplyContext } from '../context/reply-context'
import type { NoticeDraft } from '../context/truncation-notice'
import type { HistoryStore } from '../history/history-store'
import type { ChatRequestIn } from '../ollama/types'
import { promptEntries, type PromptEntry } from './conversation-text'
import { imagesNotSentNotice } from './message-images'
import { abilitiesOf, thinkToSend, type ModelAbilities } from './model-abilities'

/** What one reply sends Ollama besides the model and its context size. */
export interface ReplyPrompt {
  entries: PromptEntry[]
  chosen: Pick<ChatRequestIn, 'options' | 'think'>
  /** The notice due because the model cannot read the conversation's images (left out of `entries`), or `null`. */
  imagesNotSent: NoticeDraft | null
}

/**
 * The prompt for the reply `assistantId`, from the conversation's path before it. What the model takes decides what
 * it is sent: images only with vision (Ollama would pass them on regardless), `think` only as the model takes it (else
 * Ollama answers 400). Only what is already known is used: nothing may wait on Ollama before the reply's own request,
 * and where nothing is known the user's choices are sent as made.
 */
export function promptForReply(input: {
  history: HistoryStore
  replyContext: ReplyContext
  conversation: ConversationSummary
  model: string
  assistantId: string
}): ReplyPrompt {
  const { history, conversation, model } = input
  const abilities = abilitiesOf(input.replyContext.knownDetails(model))
  const earlier = history.listMessages(conversation.id).filter((message) => message.id !== input.assistantId)
  const readsImages = abilities?.readsImages ?? true
  const imagesNotSent = readsImages ? null : imagesNotSentNotice(model, earlier)
  const readImages = (id: string) => history.imagesOf(id).map((image) => Buffer.from(image.data).toString('base64'))
  const entries = promptEntries(conversation.systemPrompt, earlier, readsImages ? readImages : undefined)
  return { entries, chosen: chosenSettings(conversation, abilities), imagesNotSent }
}

/** The conversation's own options and thinking choice as the request carries them: only what the user set (and fits). */
function chosenSettings(
  conversation: ConversationSummary,
  abilities: ModelAbilities | null,
): Pick<ChatRequestIn, 'options' | 'think'> {
  const think = thinkToSend(conversation.think, abilities)
  return {
    ...(Object.keys(conversation.options).length === 0 ? {} : { options: conversation.options }),
    ...(think === null ? {} : { think }),
  }
}
