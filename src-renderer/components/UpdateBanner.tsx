import { Download, X } from 'lucide-react'
import { useId, useState } from 'react'
import { useApp } from '../store/store-context'
import { IconButton } from './IconButton'

/**
 * "Restart to update", once the desktop app has downloaded an update; it installs at the next quit otherwise.
 * Dismissing it hides this version's banner for the rest of the run (the update still installs at quit); a newer
 * download shows it again. A restart that failed says so under the text (the update still installs at quit).
 */
export function UpdateBanner() {
  const version = useApp((state) => state.updateReady)
  const restart = useApp((state) => state.restartToUpdate)
  const restartError = useApp((state) => state.updateRestartError)
  const [dismissedVersion, setDismissedVersion] = useState<string | null>(null)
  const titleId = useId()
  if (version === null || version === dismissedVersion) return null
  return (
    <div className="startup-notice update-banner" role="status" aria-labelledby={titleId}>
      <Download size={18} aria-hidden className="startup-notice__icon update-banner__icon" />
      <div className="startup-notice__text">
        <p id={titleId} className="startup-notice__title">
          ollmchat {version} is ready
        </p>
        <p>It installs when you restart ollmchat, or the next time you quit.</p>
        {restartError !== null && (
          <p className="update-banner__error" role="alert">
            {restartError}
          </p>
        )}
      </div>
      <button type="button" className="button button--primary" onClick={() => void restart()}>
        Restart to update
      </button>
      <IconButton
        label="Dismiss"
        className="icon-button--small startup-notice__dismiss"
        onClick={() => setDismissedVersion(version)}
      >
        <X size={14} aria-hidden />
      </IconButton>
    </div>
  )
}
