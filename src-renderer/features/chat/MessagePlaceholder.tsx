import { memo } from 'react'
import type { ChatMessage } from '../../../src-shared/types'

/**
 * A message outside the rendered window: its plain text in a list item the browser lays out only when it comes
 * on screen (`content-visibility: auto`), at the height the message had or is guessed to have. The text stays in
 * the document, so the browser's find-in-page finds it (and scrolls to it, after which the list renders it in
 * full) and a screen reader still reads every message of the list.
 */
export const MessagePlaceholder = memo(function MessagePlaceholder({ message, height }: { message: ChatMessage; height: number }) {
  return (
    <li
      className={`msg-placeholder msg-placeholder--${message.role}`}
      data-placeholder-id={message.id}
      style={{ containIntrinsicBlockSize: `${Math.round(height)}px` }}
    >
      {message.content}
    </li>
  )
})
