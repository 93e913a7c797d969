import { ErrorBoundary } from './components/ErrorBoundary'
import { StartupNotices } from './components/StartupNotices'
import { StatusBanner } from './components/StatusBanner'
import { Toasts } from './components/Toasts'
import { UpdateBanner } from './components/UpdateBanner'
import { ChatView } from './features/chat/ChatView'
import { ModelsPage } from './features/models/ModelsPage'
import { SettingsPage } from './features/settings/SettingsPage'
import { Sidebar } from './features/shell/Sidebar'
import { MAIN_REGION_ID, SkipLink } from './features/shell/SkipLink'
import { useGlobalShortcuts } from './features/shell/use-global-shortcuts'
import { useModelRefresh } from './features/shell/use-model-refresh'
import { useThemeSync } from './features/shell/use-theme-sync'
import { useApp } from './store/store-context'

/** The window: sidebar on the left, the current page on the right, toasts on top. */
export function App() {
  useThemeSync()
  useGlobalShortcuts()
  useModelRefresh()
  const page = useApp((state) => state.page)
  const booted = useApp((state) => state.booted)
  return (
    <div className="app">
      <SkipLink />
      <ErrorBoundary area="sidebar">
        <Sidebar />
      </ErrorBoundary>
      <main id={MAIN_REGION_ID} className="main" tabIndex={-1} aria-busy={!booted}>
        <StatusBanner />
        <StartupNotices />
        <UpdateBanner />
        {page === 'chat' && (
          <ErrorBoundary key="chat" area="chat">
            <ChatView />
          </ErrorBoundary>
        )}
        {page === 'models' && (
          <ErrorBoundary key="models" area="Models page">
            <ModelsPage />
          </ErrorBoundary>
        )}
        {page === 'settings' && (
          <ErrorBoundary key="settings" area="Settings page">
            <SettingsPage />
          </ErrorBoundary>
        )}
      </main>
      <Toasts />
    </div>
  )
}
