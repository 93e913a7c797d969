import { Server } from 'lucide-react'
import { hostAddress } from '../../lib/host-names'
import { selectActiveConversation } from '../../store/conversations-slice'
import { selectActiveHostAddress } from '../../store/hosts-slice'
import { useApp } from '../../store/store-context'
import { selectOtherHostOf } from '../conversations/other-host'
import { ModelPicker } from './ModelPicker'
import { SystemPromptPopover } from './SystemPromptPopover'
import { ConversationOptionsPopover } from './options/ConversationOptionsPopover'

/**
 * The top bar of the chat: the title (with, under it, the host of the latest reply when that is not the host in
 * use now), the model picker and the system prompt.
 */
export function ConversationHeader() {
  const conversation = useApp(selectActiveConversation)
  const otherHost = useApp(selectOtherHostOf(conversation?.lastHost ?? null))
  const activeHost = useApp(selectActiveHostAddress)
  const title = conversation ? conversation.title.trim() || 'New conversation' : 'New chat'
  return (
    <header className="chat-header">
      <div className="chat-header__heading">
        <h1 className="chat-header__title" title={title}>
          {title}
        </h1>
        {otherHost !== null && (
          <p
            className="chat-header__host"
            title={`The latest reply came from ${otherHost}; ollmchat now uses ${activeHost === null ? 'another host' : hostAddress(activeHost)}.`}
          >
            <Server size={12} aria-hidden />
            <span>Last used on {otherHost}</span>
          </p>
        )}
      </div>
      <div className="chat-header__tools">
        <ModelPicker />
        <SystemPromptPopover key={conversation?.id ?? 'draft'} />
        <ConversationOptionsPopover key={`options-${conversation?.id ?? 'draft'}`} />
      </div>
    </header>
  )
}
