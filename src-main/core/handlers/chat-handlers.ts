import type { ChatService } from '../chat/chat-service'
import type { Handlers } from '../ipc/dispatch'

type ChatChannels =
  | 'chat:send'
  | 'chat:regenerate'
  | 'chat:editAndResend'
  | 'chat:cancel'
  | 'chat:running'
  | 'conversations:continueFromSummary'
  | 'conversations:showVersion'

/** The `chat:*` channels: thin, the chat service does the work. */
export function chatHandlers(chat: ChatService): Pick<Handlers, ChatChannels> {
  return {
    'chat:send': (input) => chat.send(input),
    'chat:regenerate': (input) => chat.regenerate(input),
    'chat:editAndResend': (input) => chat.editAndResend(input),
    'chat:cancel': (target) => Promise.resolve({ cancelled: chat.cancel(target) }),
    'chat:running': () => Promise.resolve({ replies: chat.running() }),
    'conversations:continueFromSummary': (input) => chat.continueFromSummary(input),
    'conversations:showVersion': (input) => Promise.resolve(chat.showVersion(input)),
  }
}
