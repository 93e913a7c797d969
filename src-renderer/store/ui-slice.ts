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

/** Page, toasts and the message a search hit asked to highlight. */
export interface UiSlice {
  page: Page
  booted: boolean
  toasts: Toast[]
  highlightMessageId: string | null
  setPage: (page: Page) => void
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

    setPage: (page) => set({ page }),
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
