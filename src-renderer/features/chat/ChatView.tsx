import { OllamaOffline } from '../../components/OllamaOffline'
import { selectShowOfflineScreen } from '../../store/selectors'
import { useApp } from '../../store/store-context'
import { Composer } from './Composer'
import { ConversationHeader } from './ConversationHeader'
import { MessageList } from './MessageList'
import { StreamAnnouncer } from './StreamAnnouncer'
import { Welcome } from './Welcome'

/** The chat page: header with model and system prompt, the messages, the composer. */
export function ChatView() {
  const activeId = useApp((state) => state.activeConversationId)
  const offline = useApp(selectShowOfflineScreen)
  const booted = useApp((state) => state.booted)

  if (offline) {
    return (
      <section className="chat chat--center" aria-label="Chat">
        <OllamaOffline variant="screen" />
      </section>
    )
  }
  return (
    <section className="chat" aria-label="Chat">
      <ConversationHeader />
      {/* Keyed, so another conversation starts with fresh scroll and stick-to-bottom state. */}
      {activeId === null ? booted && <Welcome /> : <MessageList key={activeId} conversationId={activeId} />}
      <StreamAnnouncer />
      <Composer />
    </section>
  )
}
