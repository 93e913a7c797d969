import { Component, type ErrorInfo, type ReactNode } from 'react'
import type { ChatMessage } from '../../../src-shared/types'
import { CopyButton } from '../../components/CopyButton'
import { selectLiveMessage } from '../../store/selectors'
import { useApp } from '../../store/store-context'
import { reportError, withComponentStack } from '../../lib/report-error'

interface Props {
  message: ChatMessage
  children: ReactNode
}

/**
 * Catches what goes wrong while one message renders (a model's text is untrusted, and the Markdown stack is large),
 * so that message shows its raw text and the rest of the conversation, the composer and the app keep working. A
 * conversation that once failed to render still opens. It tries again when the message's status changes (a reply
 * that failed while streaming may render once it is complete).
 */
interface State {
  failed: boolean
  /** The message's status when the state was last derived: a change gives rendering another try. */
  status: ChatMessage['status']
}

export class MessageBoundary extends Component<Props, State> {
  override state: State = { failed: false, status: this.props.message.status }

  static getDerivedStateFromProps(props: Props, state: State): State | null {
    return props.message.status === state.status ? null : { failed: false, status: props.message.status }
  }

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    reportError(`message ${this.props.message.id} could not be rendered`, withComponentStack(error, info))
  }

  override render(): ReactNode {
    return this.state.failed ? <UnrenderedMessage message={this.props.message} /> : this.props.children
  }
}

/** A message as its raw text, selectable and wrapped, with Copy. */
function UnrenderedMessage({ message: listed }: { message: ChatMessage }) {
  // A streaming reply's listed copy lags behind (see AssistantMessage); its text is read from the store.
  const live = useApp((state) =>
    listed.status === 'streaming' ? selectLiveMessage(listed.conversationId, listed.id)(state) : undefined,
  )
  const message = live ?? listed
  const isReply = message.role === 'assistant'
  const text = message.content !== '' ? message.content : message.thinking
  return (
    <li
      className={`msg msg--${message.role} msg--unrendered`}
      data-message-id={message.id}
      aria-busy={isReply ? message.status === 'streaming' : undefined}
    >
      <p className="msg__unrendered-note" role="status">
        This {isReply ? 'reply' : 'message'} could not be displayed as formatted text.
      </p>
      <pre className="msg__raw" tabIndex={0}>
        {text}
      </pre>
      {text !== '' && (
        <div className="msg__actions">
          <CopyButton text={text} label={isReply ? 'Copy reply' : 'Copy message'} />
        </div>
      )}
    </li>
  )
}
