import { useEffect } from 'react'
import { selectInflightFor } from '../../store/chat-slice'
import { useAppStore } from '../../store/store-context'
import type { AppStore } from '../../store/types'
import type { MenuCommand } from '../../../src-shared/types'
import { commandForKeyPress } from '../../../src-shared/window-commands'

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
 * Window-wide keys: the window commands' shortcuts (src-shared/window-commands.ts: new chat, search, settings), and
 * Esc, which stops the open conversation's reply. Esc yields to any field or popover that handled it first
 * (`defaultPrevented`).
 */
export function useGlobalShortcuts(): void {
  const store = useAppStore()
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = commandForKeyPress(event)
      if (command !== null) {
        event.preventDefault()
        runWindowCommand(store, command)
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
