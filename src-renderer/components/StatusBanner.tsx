import { selectShowOfflineScreen } from '../store/selectors'
import { selectOllamaDown } from '../store/status-slice'
import { useApp } from '../store/store-context'
import { OllamaOffline } from './OllamaOffline'

/** The "Ollama is not reachable" banner; it goes away by itself when main reports Ollama reachable. */
export function StatusBanner() {
  const down = useApp(selectOllamaDown)
  const screenShown = useApp(selectShowOfflineScreen)
  if (!down || screenShown) return null
  return <OllamaOffline variant="banner" />
}
