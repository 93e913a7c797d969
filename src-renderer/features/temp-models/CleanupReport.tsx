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
      <NamedList label="Kept:" items={report.kept.map((kept) => [kept.name, kept.reason])} />
      <NamedList label="Could not delete:" items={report.failed.map((failed) => [failed.name, failed.error])} />
    </div>
  )
}

/** Models with why, under a label; nothing at all when there are none. */
function NamedList({ label, items }: { label: string; items: ReadonlyArray<readonly [name: string, why: string]> }) {
  if (items.length === 0) return null
  return (
    <>
      <p className="cleanup-report__label">{label}</p>
      <ul className="cleanup-report__list">
        {items.map(([name, why]) => (
          <li key={name}>
            <span className="cleanup-report__name">{name}</span> — {why}
          </li>
        ))}
      </ul>
    </>
  )
}
