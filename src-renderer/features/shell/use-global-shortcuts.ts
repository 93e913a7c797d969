import { useEffect } from 'react'
import { selectInflightFor } from '../../store/chat-slice'
import { useAppStore } from '../../store/store-context'
import type { AppStore } from '../../store/types'
import type { MenuCommand } from '../../../src-shared/types'

/** The id of the sidebar's search field, which Ctrl/Cmd+K focuses. */
export const SEARCH_INPUT_ID = 'conversation-search'

/** Runs a window command, from its shortcut or from the desktop app's menu (`app:menuCommand`). */
export function runWindowCommand(store: AppStore, command: MenuCommand): void {
  if (command === 'newChat') {
    store.getState().startNewChat()
  } else if (command === 'settings') {
    store.getState().setPage('settings')
  } else {
    const input = document.getElementById(SEARCH_INPUT_ID)
    if (input instanceof HTMLInputElement) {
      input.focus()
      input.select()
    }
  }
}

/**
 * Window-wide keys: Ctrl/Cmd+N starts a new chat, Ctrl/Cmd+K focuses search, Esc stops the open
 * conversation's reply. Esc yields to any field or popover that handled it first (`defaultPrevented`).
 * Browsers keep Ctrl+N for a new window and never hand it to a page, so browser mode also takes
 * Ctrl/Cmd+Shift+O for a new chat (the shortcut web chat apps use).
 */
export function useGlobalShortcuts(): void {
  const store = useAppStore()
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = (event.ctrlKey || event.metaKey) && !event.altKey
      const modifier = command && !event.shiftKey
      const key = event.key.toLowerCase()
      if ((modifier && key === 'n') || (command && event.shiftKey && key === 'o')) {
        event.preventDefault()
        runWindowCommand(store, 'newChat')
      } else if (modifier && key === 'k') {
        event.preventDefault()
        runWindowCommand(store, 'search')
      } else if (modifier && key === ',') {
        event.preventDefault()
        runWindowCommand(store, 'settings')
      } else if (event.key === 'Escape' && !event.defaultPrevented) {
        const state = store.getState()
        const turn = state.page === 'chat' ? selectInflightFor(state.activeConversationId)(state) : undefined
        if (turn) {
          event.preventDefault()
          void state.cancel(turn.conversationId)
        }
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [store])
}
