import { RotateCcw } from 'lucide-react'
import type { ChatMessage } from '../../../src-shared/types'
import { CopyButton } from '../../components/CopyButton'
import { IconButton } from '../../components/IconButton'
import { Markdown } from '../../lib/markdown/Markdown'
import type { InflightTurn } from '../../store/chat-slice'
import { useApp } from '../../store/store-context'
import { ReplyContextTags } from './ReplyContextTags'
import { ReplyMeta } from './ReplyMeta'
import { ReplyStatus } from './ReplyStatus'
import { ThinkingBlock } from './ThinkingBlock'

/** A model's reply: folded thinking, the Markdown answer, its status and actions. */
export function AssistantMessage({
  message,
  turn,
  isLastReply,
  busy,
  highlighted,
}: {
  message: ChatMessage
  turn: InflightTurn | undefined
  isLastReply: boolean
  busy: boolean
  highlighted: boolean
}) {
  const regenerate = useApp((state) => state.regenerate)
  const thinkingTime = useApp((state) => state.thinkingTimes[message.id])
  const streaming = message.status === 'streaming'
  const canRegenerate = isLastReply && !busy && !streaming
  const retry = canRegenerate ? () => void regenerate(message.conversationId) : undefined

  return (
    <li
      className={`msg msg--assistant${streaming ? ' msg--streaming' : ''}${highlighted ? ' msg--highlighted' : ''}`}
      data-message-id={message.id}
      aria-busy={streaming}
    >
      {message.thinking !== '' && (
        <ThinkingBlock thinking={message.thinking} time={thinkingTime} thinkingNow={streaming && message.content === ''} />
      )}
      {message.content !== '' && <Markdown text={message.content} streaming={streaming} />}
      <ReplyStatus message={message} turn={turn} onRetry={retry} />
      {!streaming && message.context && <ReplyContextTags context={message.context} />}
      {!streaming && (
        <div className="msg__actions msg__actions--reply">
          {message.content !== '' && <CopyButton text={message.content} label="Copy reply" />}
          {canRegenerate && (
            <IconButton label="Regenerate reply" className="icon-button--small" onClick={retry}>
              <RotateCcw size={14} aria-hidden />
            </IconButton>
          )}
          <ReplyMeta message={message} />
        </div>
      )}
    </li>
  )
}
