import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { getBridge } from './bridge/get-bridge'
import { AppStoreProvider } from './store/AppStoreProvider'
import { createAppStore } from './store/app-store'
import { bootApp } from './store/boot'
import { connectEvents } from './store/connect-events'
import './styles/index.css'

window.addEventListener('unhandledrejection', (event) => {
  console.error('ollmchat: unhandled promise rejection', event.reason)
})

const bridge = getBridge()
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
void bootApp(store)
