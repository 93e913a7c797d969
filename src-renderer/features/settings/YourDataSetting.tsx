import { Download, Upload } from 'lucide-react'
import { useRef, useState } from 'react'
import type { AppError } from '../../../src-shared/ipc/result'
import type { ExportFormat } from '../../../src-shared/types'
import { ErrorNotice } from '../../components/ErrorNotice'
import { importReportText } from '../../lib/data-text'
import { useApp } from '../../store/store-context'
import { DataProgressBar } from './DataProgressBar'

type Outcome = { kind: 'done'; text: string } | { kind: 'failed'; error: AppError } | null

/**
 * "Your data": every conversation out as JSON (everything, re-importable) or Markdown (to read), and a JSON file in,
 * whether ollmchat's own export or Open WebUI's. One task at a time, with its progress.
 */
export function YourDataSetting() {
  const task = useApp((state) => state.dataTask)
  const exportData = useApp((state) => state.exportData)
  const importFile = useApp((state) => state.importFile)
  const [outcome, setOutcome] = useState<Outcome>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const busy = task !== null

  const runExport = async (format: ExportFormat) => {
    setOutcome(null)
    const error = await exportData(format)
    setOutcome(
      error === null
        ? { kind: 'done', text: `Saved every conversation as ${format === 'json' ? 'JSON' : 'Markdown'}.` }
        : { kind: 'failed', error },
    )
  }

  const runImport = async (file: File | undefined) => {
    if (file === undefined) return
    setOutcome(null)
    const result = await importFile(file)
    setOutcome(
      result.ok ? { kind: 'done', text: importReportText(result.report) } : { kind: 'failed', error: result.error },
    )
    // The same file may be picked again (after fixing it, or to import a copy).
    if (fileInput.current) fileInput.current.value = ''
  }

  return (
    <section className="setting" aria-labelledby="setting-data-label">
      <h2 className="setting__label" id="setting-data-label">
        Your data
      </h2>
      <p className="setting__help">
        Export every conversation: JSON keeps everything (all versions, images, context reports) and imports back;
        Markdown is for reading. Import takes an ollmchat JSON export or an Open WebUI chat export.
      </p>
      <div className="data-actions">
        <button type="button" className="button" disabled={busy} onClick={() => void runExport('json')}>
          <Download size={15} aria-hidden /> Export all as JSON
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void runExport('markdown')}>
          <Download size={15} aria-hidden /> Export all as Markdown
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => fileInput.current?.click()}>
          <Upload size={15} aria-hidden /> Import…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          tabIndex={-1}
          aria-label="Choose a file to import"
          onChange={(event) => void runImport(event.target.files?.[0])}
        />
      </div>
      {task !== null && <DataProgressBar task={task} />}
      {outcome?.kind === 'done' && (
        <p className="field-ok" role="status">
          {outcome.text}
        </p>
      )}
      {outcome?.kind === 'failed' && (
        <ErrorNotice error={outcome.error} messageFirst onDismiss={() => setOutcome(null)} />
      )}
    </section>
  )
}
