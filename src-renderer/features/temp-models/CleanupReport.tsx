import { formatBytes } from '../../../src-shared/format'
import type { TempCleanupReport } from '../../../src-shared/types'

/** What a clean-up (or "remove all") did: the models deleted and the disk freed, each kept one with its reason. */
export function CleanupReport({ report }: { report: TempCleanupReport }) {
  const count = report.deleted.length
  return (
    <div className="cleanup-report" role="status">
      <p>
        {count === 0
          ? 'Nothing was deleted.'
          : `Deleted ${count} temporary model${count === 1 ? '' : 's'}, freeing about ${formatBytes(report.freedBytes)}: ${report.deleted.join(', ')}.`}
      </p>
      {report.kept.length > 0 && (
        <>
          <p className="cleanup-report__label">Kept:</p>
          <ul className="cleanup-report__list">
            {report.kept.map((kept) => (
              <li key={kept.name}>
                <span className="cleanup-report__name">{kept.name}</span> — {kept.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.failed.length > 0 && (
        <>
          <p className="cleanup-report__label">Could not delete:</p>
          <ul className="cleanup-report__list">
            {report.failed.map((failed) => (
              <li key={failed.name}>
                <span className="cleanup-report__name">{failed.name}</span> — {failed.error}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
