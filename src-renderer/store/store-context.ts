import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import type { AppState, AppStore } from './types'

/** The store of the app; `null` outside `AppStoreProvider`. */
export const StoreContext = createContext<AppStore | null>(null)

/** The store itself, for actions called from event handlers (`useAppStore().getState().send(…)`). */
export function useAppStore(): AppStore {
  const store = useContext(StoreContext)
  if (store === null) throw new Error('useApp must be used inside <AppStoreProvider>')
  return store
}

/** Reads the store through a selector; the component re-renders only when the selected value changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStore(), selector)
}
