import type { ReactNode } from 'react'
import { StoreContext } from './store-context'
import type { AppStore } from './types'

/** Makes one store available to every component below it. */
export function AppStoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext value={store}>{children}</StoreContext>
}
