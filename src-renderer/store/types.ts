import type { StateCreator, StoreApi } from 'zustand/vanilla'
import type { Bridge } from '../../src-shared/ipc/bridge'
import type { ChatSlice } from './chat-slice'
import type { ConversationsSlice } from './conversations-slice'
import type { DataSlice } from './data-slice'
import type { HostsSlice } from './hosts-slice'
import type { ImagesSlice } from './images-slice'
import type { MessagesSlice } from './messages-slice'
import type { ModelActionsSlice } from './model-actions-slice'
import type { ModelsSlice } from './models-slice'
import type { PullsSlice } from './pulls-slice'
import type { SearchSlice } from './search-slice'
import type { SettingsSlice } from './settings-slice'
import type { StatusSlice } from './status-slice'
import type { SummarySlice } from './summary-slice'
import type { TempModelsSlice } from './temp-models-slice'
import type { UiSlice } from './ui-slice'
import type { VersionsSlice } from './versions-slice'

/** The whole renderer state: plain data plus the actions that change it. */
export type AppState = StatusSlice &
  SettingsSlice &
  ModelsSlice &
  ModelActionsSlice &
  PullsSlice &
  TempModelsSlice &
  HostsSlice &
  ConversationsSlice &
  MessagesSlice &
  ChatSlice &
  SummarySlice &
  SearchSlice &
  UiSlice &
  ImagesSlice &
  VersionsSlice &
  DataSlice

/** The store `createAppStore` returns; components reach it through `AppStoreProvider`. */
export type AppStore = StoreApi<AppState>

/** Builds one slice; every slice sees the whole state and talks to main only through the bridge. */
export type SliceCreator<T> = (bridge: Bridge) => StateCreator<AppState, [], [], T>

/** The store's `set` and `get` as a slice creator receives them, for the plain functions its actions share. */
export type SetAppState = StoreApi<AppState>['setState']
export type GetAppState = StoreApi<AppState>['getState']

/** Where a piece of data fetched from main stands. */
export type LoadState = 'idle' | 'loading' | 'ready' | 'error'
