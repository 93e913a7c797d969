import { selectActiveConversation } from '../../store/conversations-slice'
import { useApp } from '../../store/store-context'
import { ModelPicker } from './ModelPicker'
import { SystemPromptPopover } from './SystemPromptPopover'

/** The top bar of the chat: the title, the model picker and the system prompt. */
export function ConversationHeader() {
  const conversation = useApp(selectActiveConversation)
  const title = conversation ? conversation.title.trim() || 'New conversation' : 'New chat'
  return (
    <header className="chat-header">
      <h1 className="chat-header__title" title={title}>
        {title}
      </h1>
      <div className="chat-header__tools">
        <ModelPicker />
        <SystemPromptPopover key={conversation?.id ?? 'draft'} />
      </div>
    </header>
  )
}
