import { Fragment } from 'react'
import { formatContext } from '../../../src-shared/format'
import type { ChatMessage, ContextReport } from '../../../src-shared/types'
import { AUTO_CONTEXT_EXPLANATION, contextSourcePhrase } from '../../lib/context-label'

/**
 * One piece of the small print. `why` is its tooltip and is also read to screen readers (a tooltip alone is not);
 * `more` is a longer explanation left to the tooltip, since the text already says the gist.
 */
interface MetaPart {
  text: string
  why?: string
  more?: string
}

/**
 * Small print under a reply: which model answered, the context it really had (and whose setting that was), the
 * tokens it used, and how fast. Replies saved before ollmchat recorded their context show what was asked.
 */
export function ReplyMeta({ message }: { message: ChatMessage }) {
  const parts: MetaPart[] = []
  if (message.model) parts.push({ text: message.model })
  if (message.context) parts.push(...contextParts(message.context))
  else if (message.numCtx !== null) parts.push({ text: `${formatContext(message.numCtx)} context` })
  const speed = message.stats?.tokensPerSecond
  if (speed !== undefined && Number.isFinite(speed)) {
    parts.push({ text: `${speed.toFixed(speed < 10 ? 1 : 0)} tokens/s` })
  }
  if (parts.length === 0) return null
  const servedBy = message.servedBy && message.servedBy !== message.model ? `Served by ${message.servedBy}` : undefined
  return (
    <span className="reply-meta" title={servedBy}>
      {parts.map((part, index) => (
        <Fragment key={part.text}>
          {index > 0 && ' · '}
          <span title={part.why ?? part.more}>
            <span>{part.text}</span>
            {part.why !== undefined && <span className="visually-hidden"> ({part.why})</span>}
          </span>
        </Fragment>
      ))}
    </span>
  )
}

function contextParts(context: ContextReport): MetaPart[] {
  const whose = contextSourcePhrase(context.source)
  const parts: MetaPart[] = []
  const { asked, effective } = context
  if (effective !== null && asked !== null && asked !== effective) {
    parts.push({ text: `asked ${formatContext(asked)}, ran with ${formatContext(effective)}`, why: whose })
  } else if (effective !== null) {
    parts.push({ text: `${formatContext(effective)} context`, why: whose })
  } else if (asked !== null) {
    parts.push({ text: `asked ${formatContext(asked)} context`, why: `${whose}; Ollama did not say what it ran with` })
  } else {
    const more = context.source === 'ollama-default' ? AUTO_CONTEXT_EXPLANATION : 'Ollama did not say the number.'
    parts.push({ text: `context ${whose}`, more })
  }
  const tokens = tokensText(context)
  if (tokens !== null) parts.push(tokens)
  return parts
}

function tokensText({ promptTokens, replyTokens }: ContextReport): MetaPart | null {
  const count = (value: number) => value.toLocaleString('en-US')
  if (promptTokens !== null && replyTokens !== null) {
    return { text: `${count(promptTokens)} + ${count(replyTokens)} tokens`, why: 'prompt + reply' }
  }
  if (promptTokens !== null) return { text: `${count(promptTokens)} prompt tokens` }
  if (replyTokens !== null) return { text: `${count(replyTokens)} reply tokens` }
  return null
}
