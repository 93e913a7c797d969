import { createStore } from 'zustand/vanilla'
import type { Bridge } from '../../src-shared/ipc/bridge'
import { createChatSlice } from './chat-slice'
import { createConversationsSlice } from './conversations-slice'
import { createDataSlice } from './data-slice'
import { createHostsSlice } from './hosts-slice'
import { createImagesSlice } from './images-slice'
import { createMessagesSlice } from './messages-slice'
import { createModelActionsSlice } from './model-actions-slice'
import { createModelsSlice } from './models-slice'
import { createPullsSlice } from './pulls-slice'
import { createSearchSlice } from './search-slice'
import { createSettingsSlice } from './settings-slice'
import { createStatusSlice } from './status-slice'
import { createSummarySlice } from './summary-slice'
import { createTempModelsSlice } from './temp-models-slice'
import type { AppState, AppStore } from './types'
import { createUiSlice } from './ui-slice'
import { createVersionsSlice } from './versions-slice'

/** Builds the renderer's one store over a bridge; no global singleton, so each test gets a fresh one. */
export function createAppStore(bridge: Bridge): AppStore {
  return createStore<AppState>()((...args) => ({
    ...createStatusSlice(bridge)(...args),
    ...createSettingsSlice(bridge)(...args),
    ...createModelsSlice(bridge)(...args),
    ...createModelActionsSlice(bridge)(...args),
    ...createPullsSlice(bridge)(...args),
    ...createTempModelsSlice(bridge)(...args),
    ...createHostsSlice(bridge)(...args),
    ...createConversationsSlice(bridge)(...args),
    ...createMessagesSlice(bridge)(...args),
    ...createChatSlice(bridge)(...args),
    ...createSummarySlice(bridge)(...args),
    ...createSearchSlice(bridge)(...args),
    ...createUiSlice(bridge)(...args),
    ...createImagesSlice(bridge)(...args),
    ...createVersionsSlice(bridge)(...args),
    ...createDataSlice(bridge)(...args),
  }))
}
