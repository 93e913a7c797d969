import { ChevronLeft, ChevronRight } from 'lucide-react'
import type { ChatMessage } from '../../../src-shared/types'
import { IconButton } from '../../components/IconButton'
import { selectIsAnswering } from '../../store/selectors'
import { useApp } from '../../store/store-context'

/**
 * "‹ 2/3 ›" under a message that has other versions (a regenerated reply, an edited message); nothing for one that has
 * none. Moving is refused while the conversation answers, as main would refuse it.
 */
export function VersionSwitcher({ message, noun }: { message: ChatMessage; noun: 'reply' | 'message' }) {
  const { index, count } = message.versions
  const showVersion = useApp((state) => state.showVersion)
  const answering = useApp((state) => count > 1 && selectIsAnswering(message.conversationId)(state))
  if (count < 2) return null
  // The version shown is another message, so this switcher unmounts: focus moves to the same button in the new one.
  const go = async (version: number, step: 'previous' | 'next') => {
    const shownId = await showVersion(message.conversationId, message.id, version)
    if (shownId === null) return
    requestAnimationFrame(() => {
      const row = document.querySelector(`[data-message-id="${CSS.escape(shownId)}"]`)
      // At the first or last version that button is disabled: the other one takes the focus.
      const target =
        row?.querySelector<HTMLButtonElement>(`[data-version-step="${step}"]:not(:disabled)`) ??
        row?.querySelector<HTMLButtonElement>('[data-version-step]:not(:disabled)')
      target?.focus()
    })
  }
  return (
    <div className="version-switcher" role="group" aria-label={`Versions of this ${noun}`}>
      <IconButton
        label={`Previous version of this ${noun}`}
        className="icon-button--small"
        disabled={answering || index <= 1}
        data-version-step="previous"
        onClick={() => void go(index - 1, 'previous')}
      >
        <ChevronLeft size={14} aria-hidden />
      </IconButton>
      <span className="version-switcher__count" aria-live="polite">
        <span className="visually-hidden">Version </span>
        {index}/{count}
      </span>
      <IconButton
        label={`Next version of this ${noun}`}
        className="icon-button--small"
        disabled={answering || index >= count}
        data-version-step="next"
        onClick={() => void go(index + 1, 'next')}
      >
        <ChevronRight size={14} aria-hidden />
      </IconButton>
    </div>
  )
}
