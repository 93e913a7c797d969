import type { SliceCreator } from './types'

export type Page = 'chat' | 'models' | 'settings'

/** What a toast button does, as data (the store holds no functions). */
export interface ToastAction {
  kind: 'restore-conversation'
  conversationId: string
  label: string
}

export interface Toast {
  id: number
  text: string
  action: ToastAction | null
}

/** Page, toasts, the message a search hit asked to highlight, and the composer's unsent text. */
export interface UiSlice {
  page: Page
  booted: boolean
  toasts: Toast[]
  highlightMessageId: string | null
  /**
   * Unsent composer text per conversation (key `''` for the new-chat draft). Kept in the store, not in the
   * composer, so it survives a visit to another page while the app runs.
   */
  composerDrafts: Record<string, string>
  setPage: (page: Page) => void
  setComposerDraft: (key: string, text: string) => void
  markBooted: () => void
  pushToast: (toast: Omit<Toast, 'id'>) => number
  dismissToast: (id: number) => void
  runToastAction: (id: number) => Promise<void>
  clearHighlight: () => void
}

export const createUiSlice: SliceCreator<UiSlice> = () => (set, get) => {
  let nextToastId = 1
  return {
    page: 'chat',
    booted: false,
    toasts: [],
    highlightMessageId: null,
    composerDrafts: {},

    setPage: (page) => set({ page }),
    setComposerDraft(key, text) {
      set((state) => ({ composerDrafts: { ...state.composerDrafts, [key]: text } }))
    },
    markBooted: () => set({ booted: true }),

    pushToast(toast) {
      const id = nextToastId++
      set((state) => ({ toasts: [...state.toasts.slice(-2), { ...toast, id }] }))
      return id
    },

    dismissToast(id) {
      set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }))
    },

    async runToastAction(id) {
      const toast = get().toasts.find((candidate) => candidate.id === id)
      get().dismissToast(id)
      if (toast?.action?.kind !== 'restore-conversation') return
      const error = await get().restoreConversation(toast.action.conversationId)
      if (error) get().pushToast({ text: 'The conversation could not be restored.', action: null })
    },

    clearHighlight: () => set({ highlightMessageId: null }),
  }
}
