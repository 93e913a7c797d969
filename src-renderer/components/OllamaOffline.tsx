import { RefreshCw, WifiOff } from 'lucide-react'
import { useApp } from '../store/store-context'

/**
 * Says Ollama cannot be reached, where the app looked and how to start it, with a Try again button.
 * `banner` sits above a page; `screen` fills the chat when there is nothing else to show.
 */
export function OllamaOffline({ variant }: { variant: 'banner' | 'screen' }) {
  const host = useApp((state) => state.ollama?.host ?? 'http://127.0.0.1:11434')
  const checking = useApp((state) => state.isCheckingOllama)
  const checkNow = useApp((state) => state.checkOllamaNow)
  return (
    <div className={`offline offline--${variant}`} role="alert">
      <WifiOff size={variant === 'screen' ? 28 : 18} aria-hidden className="offline__icon" />
      <div className="offline__text">
        <p className="offline__title">
          Ollama is not reachable at <code>{host}</code>.
        </p>
        <p>
          Start the Ollama app, or run <code>ollama serve</code> in a terminal.
        </p>
      </div>
      <button type="button" className="button" onClick={() => void checkNow()} disabled={checking}>
        <RefreshCw size={14} aria-hidden className={checking ? 'spin' : undefined} />
        {checking ? 'Checking…' : 'Try again'}
      </button>
    </div>
  )
}
