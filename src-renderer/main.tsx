import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { getBridge } from './bridge/get-bridge'
import { createErrorReporter, installErrorReporter } from './lib/report-error'
import { AppStoreProvider } from './store/AppStoreProvider'
import { createAppStore } from './store/app-store'
import { bootApp } from './store/boot'
import { connectEvents } from './store/connect-events'
import { connectMenuCommands } from './features/shell/menu-commands'
import './styles/index.css'

const bridge = getBridge()
// Failures in the window go to the app's log too, so one file holds what a person can send.
const reportError = createErrorReporter(bridge)
installErrorReporter(reportError)
window.addEventListener('unhandledrejection', (event) => reportError('unhandled promise rejection', event.reason))
window.addEventListener('error', (event) => reportError('uncaught error', event.error ?? event.message))

const store = createAppStore(bridge)
connectEvents(store, bridge)

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')
createRoot(container).render(
  <StrictMode>
    <AppStoreProvider store={store}>
      <App />
    </AppStoreProvider>
  </StrictMode>,
)
// Connected before the page has loaded (main sends a menu command once it has); run once start-up has finished.
connectMenuCommands(store, bridge, bootApp(store))
