import { FileWarning, X } from 'lucide-react'
import { useState } from 'react'
import { useApp } from '../store/store-context'
import { CopyButton } from './CopyButton'
import { IconButton } from './IconButton'

/** Notices dismissed in this browser profile: each is shown once, not again after a reload or in another window. */
const DISMISSED_KEY = 'ollmchat.dismissedStartupNotices'

function readDismissed(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(DISMISSED_KEY) ?? '[]')
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : []
  } catch {
    return []
  }
}

/**
 * What ollmchat had to do to this run's files (a damaged history moved aside, a settings file repaired): one banner
 * each above the page, with the kept file's path to copy, until dismissed.
 */
export function StartupNotices() {
  const notices = useApp((state) => state.appInfo?.startupNotices)
  const [dismissed, setDismissed] = useState(readDismissed)
  const shown = (notices ?? []).filter((notice) => !dismissed.includes(notice.id))
  if (shown.length === 0) return null
  const dismiss = (id: string) => {
    // Only ids still reported are kept, so the list never outgrows the notices of one run.
    const next = [...dismissed.filter((known) => notices?.some((notice) => notice.id === known)), id]
    setDismissed(next)
    try {
      localStorage.setItem(DISMISSED_KEY, JSON.stringify(next))
    } catch {
      // Storage refused (private mode, quota): the notice stays dismissed until the page reloads.
    }
  }
  return (
    <>
      {shown.map((notice) => (
        <div key={notice.id} className="startup-notice" role="alert">
          <FileWarning size={18} aria-hidden className="startup-notice__icon" />
          <div className="startup-notice__text">
            <p className="startup-notice__title">{notice.title}</p>
            <p>{notice.message}</p>
            <p className="startup-notice__file">
              <span>Kept as</span> <code>{notice.file}</code>
              <CopyButton text={notice.file} label="Copy the file's path" />
            </p>
          </div>
          <IconButton
            label="Dismiss"
            className="icon-button--small startup-notice__dismiss"
            onClick={() => dismiss(notice.id)}
          >
            <X size={14} aria-hidden />
          </IconButton>
        </div>
      ))}
    </>
  )
}
