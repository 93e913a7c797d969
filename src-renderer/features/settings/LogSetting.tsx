import { FolderOpen } from 'lucide-react'
import { CopyButton } from '../../components/CopyButton'
import { useApp } from '../../store/store-context'

/** Where the log is, to attach it to a report: opened in the file manager in the desktop app, copied in a browser. */
export function LogSetting() {
  const appInfo = useApp((state) => state.appInfo)
  const openLogFolder = useApp((state) => state.openLogFolder)
  const file = appInfo?.logFile ?? null
  if (file === null) return null
  return (
    <section className="setting" aria-labelledby="log-setting-label">
      <h2 className="setting__label" id="log-setting-label">
        Log
      </h2>
      <p className="setting__help">
        What ollmchat did and what went wrong, with times; attach it when you report a problem. Tokens and hosts’
        headers are never written to it. Set <code>OLLMCHAT_LOG_LEVEL=debug</code> for more detail.
      </p>
      <p className="log-setting__file">
        <code>{file}</code>
        <CopyButton text={file} label="Copy the log file’s path" />
      </p>
      {appInfo?.canOpenLogFolder === true && (
        <button type="button" className="button" onClick={() => void openLogFolder()}>
          <FolderOpen size={15} aria-hidden />
          Open log folder
        </button>
      )}
    </section>
  )
}
