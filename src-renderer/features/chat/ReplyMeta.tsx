import { formatContext } from '../../../src-shared/format'
import type { ChatMessage } from '../../../src-shared/types'

/** Small print under a reply: which model answered, with which context, and how fast. */
export function ReplyMeta({ message }: { message: ChatMessage }) {
  const parts: string[] = []
  if (message.model) parts.push(message.model)
  if (message.numCtx !== null) parts.push(`${formatContext(message.numCtx)} context`)
  const speed = message.stats?.tokensPerSecond
  if (speed !== undefined && Number.isFinite(speed)) parts.push(`${speed.toFixed(speed < 10 ? 1 : 0)} tokens/s`)
  if (parts.length === 0) return null
  const servedBy =
    message.servedBy && message.servedBy !== message.model ? `Served by ${message.servedBy}` : undefined
  return (
    <span className="reply-meta" title={servedBy}>
      {parts.join(' · ')}
    </span>
  )
}
