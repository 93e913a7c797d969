import { Scissors } from 'lucide-react'
import type { ContextReport } from '../../../src-shared/types'

/**
 * What the reply could not see or say, in words that stay visible (not only on hover): Ollama dropped the
 * start of the conversation or of the message, or the reply stopped at its length limit, so a cut-off reply
 * never looks complete.
 */
export function ReplyContextTags({ context }: { context: ContextReport }) {
  const tags: string[] = []
  if (context.truncated) tags.push(truncationText(context))
  if (context.lengthLimited) tags.push('cut off at the length limit')
  if (tags.length === 0) return null
  return (
    <ul className="reply-tags" aria-label="Limits of this reply">
      {tags.map((tag) => (
        <li key={tag} className="reply-tag reply-tag--warning">
          <Scissors size={12} aria-hidden />
          {tag}
        </li>
      ))}
    </ul>
  )
}

function truncationText(context: ContextReport): string {
  if (context.messageCut) return 'only saw the end of your message'
  if (context.droppedMessages === 1) return 'didn’t see the first message'
  if (context.droppedMessages > 1)
    return `didn’t see the first ${context.droppedMessages.toLocaleString('en-US')} messages`
  return 'didn’t see the start of the conversation'
}
