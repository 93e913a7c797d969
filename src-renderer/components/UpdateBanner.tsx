import { Download } from 'lucide-react'
import { useApp } from '../store/store-context'

/** "Restart to update", once the desktop app has downloaded an update; it installs at the next quit otherwise. */
export function UpdateBanner() {
  const version = useApp((state) => state.updateReady)
  const restart = useApp((state) => state.restartToUpdate)
  if (version === null) return null
  return (
    <div className="startup-notice update-banner" role="status">
      <Download size={18} aria-hidden className="startup-notice__icon update-banner__icon" />
      <div className="startup-notice__text">
        <p className="startup-notice__title">ollmchat {version} is ready</p>
        <p>It installs when you restart ollmchat, or the next time you quit.</p>
      </div>
      <button type="button" className="button button--primary" onClick={() => void restart()}>
        Restart to update
      </button>
    </div>
  )
}
