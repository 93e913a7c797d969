import { memo } from 'react'
import type { ChatMessage } from '../../../src-shared/types'
import type { InflightTurn } from '../../store/chat-slice'
import { AssistantMessage } from './AssistantMessage'
import { MessageBoundary } from './MessageBoundary'
import { NoticeMessage } from './NoticeMessage'
import { UserMessage } from './UserMessage'

/**
 * Every prop is about this message alone, so a change elsewhere in the conversation (a turn starting or ending,
 * a message added) leaves it alone; what concerns all messages (whether the conversation is answering, how many
 * messages follow) is read by the few parts that need it, when they are on screen.
 */
export interface MessageItemProps {
  /** From the list's outline: a streaming reply's text may lag; `AssistantMessage` reads its own. */
  message: ChatMessage
  /** The reply in progress when this is its message. */
  turn: InflightTurn | undefined
  /** The conversation's last reply: the one that offers Regenerate. */
  isLastReply: boolean
  highlighted: boolean
  /** The conversation's latest truncation notice: the one that offers its fixes. */
  offersActions: boolean
}

/** One entry of the conversation, in its own error boundary: whatever one message does, the others still show. */
export const MessageItem = memo(function MessageItem(props: MessageItemProps) {
  return (
    <MessageBoundary message={props.message}>
      <MessageContent {...props} />
    </MessageBoundary>
  )
})

/** A user message, a reply, or a notice from the app. */
function MessageContent(props: MessageItemProps) {
  const { message, highlighted } = props
  if (message.role === 'notice') {
    return <NoticeMessage message={message} highlighted={highlighted} offersActions={props.offersActions} />
  }
  if (message.role === 'user') return <UserMessage message={message} highlighted={highlighted} />
  return (
    <AssistantMessage message={message} turn={props.turn} isLastReply={props.isLastReply} highlighted={highlighted} />
  )
}
