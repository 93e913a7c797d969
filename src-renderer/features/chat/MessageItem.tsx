import { memo } from 'react'
import type { ChatMessage } from '../../../src-shared/types'
import type { InflightTurn } from '../../store/chat-slice'
import { AssistantMessage } from './AssistantMessage'
import { NoticeMessage } from './NoticeMessage'
import { UserMessage } from './UserMessage'

export interface MessageItemProps {
  message: ChatMessage
  /** The reply in progress when this is its message. */
  turn: InflightTurn | undefined
  isLastReply: boolean
  /** A reply is in progress in this conversation (editing and regenerating wait). */
  busy: boolean
  /** How many messages follow this one (an edit replaces them). */
  laterCount: number
  highlighted: boolean
  /** The conversation's latest truncation notice: the one that offers its fixes. */
  offersActions: boolean
}

/** One entry of the conversation: a user message, a reply, or a notice from the app. */
export const MessageItem = memo(function MessageItem(props: MessageItemProps) {
  const { message, highlighted } = props
  if (message.role === 'notice') {
    return <NoticeMessage message={message} highlighted={highlighted} offersActions={props.offersActions} />
  }
  if (message.role === 'user') {
    return <UserMessage message={message} busy={props.busy} laterCount={props.laterCount} highlighted={highlighted} />
  }
  return (
    <AssistantMessage
      message={message}
      turn={props.turn}
      isLastReply={props.isLastReply}
      busy={props.busy}
      highlighted={highlighted}
    />
  )
})
