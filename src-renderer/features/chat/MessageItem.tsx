import { Info } from 'lucide-react'
import { memo } from 'react'
import type { ChatMessage } from '../../../src-shared/types'
import type { InflightTurn } from '../../store/chat-slice'
import { AssistantMessage } from './AssistantMessage'
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
}

/** One entry of the conversation: a user message, a reply, or a notice from the app. */
export const MessageItem = memo(function MessageItem(props: MessageItemProps) {
  const { message, highlighted } = props
  const highlight = highlighted ? ' msg--highlighted' : ''
  if (message.role === 'notice') {
    return (
      <li className={`msg msg--notice${highlight}`} data-message-id={message.id}>
        <Info size={14} aria-hidden />
        <span>{message.content}</span>
      </li>
    )
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
