import { act, render, type RenderResult } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { EventMap, EventName } from '../../src-shared/ipc/contract'
import { App } from '../App'
import { AppStoreProvider } from '../store/AppStoreProvider'
import { bootApp } from '../store/boot'
import { createFakeBridge, type FakeBridge } from './fake-bridge'
import { createStoreHarness, type StoreHarness } from './store-harness'

/** The whole app over a fake bridge, booted and rendered, with React-aware event helpers. */
export interface AppHarness extends StoreHarness {
  view: RenderResult
  user: ReturnType<typeof userEvent.setup>
  /** Emits an event inside `act`, so React has re-rendered when it returns. */
  emit: <E extends EventName>(event: E, payload: EventMap[E]) => void
}

export async function renderApp(fake: FakeBridge = createFakeBridge()): Promise<AppHarness> {
  const harness = createStoreHarness(fake)
  await bootApp(harness.store)
  const user = userEvent.setup()
  const view = render(
    <AppStoreProvider store={harness.store}>
      <App />
    </AppStoreProvider>,
  )
  return {
    ...harness,
    view,
    user,
    frame: () => act(() => harness.frame()),
    emit: (event, payload) => act(() => fake.emit(event, payload)),
  }
}
