import { memo } from 'react'
import { formatBytes, formatContext, shortModelName } from '../../../src-shared/format'
import type { TempModelInfo } from '../../../src-shared/types'
import { relativeTime } from '../../lib/relative-time'
import { FactList, type Fact } from '../../components/FactList'

/** One temporary model: its name, base, context, when it was made and last used, its state, and its size. */
export const TempModelRow = memo(function TempModelRow({ temp, now }: { temp: TempModelInfo; now: number }) {
  const facts: Fact[] = [
    ['Made from', temp.baseModel !== null ? shortModelName(temp.baseModel) : 'unknown'],
    ['Context', temp.numCtx !== null ? formatContext(temp.numCtx) : 'unknown'],
    ['Created', relativeTime(temp.createdAt, now)],
    ['Last used', temp.lastUsedAt === null ? 'not by ollmchat yet' : relativeTime(temp.lastUsedAt, now)],
    ['Size', formatBytes(temp.sizeBytes)],
  ]
  return (
    <li className="temp-model" aria-label={temp.name}>
      <div className="temp-model__head">
        <span className="temp-model__name">{temp.name}</span>
        {temp.loaded && <span className="tag tag--live">Loaded</span>}
        {temp.inUse && <span className="tag tag--live">In use</span>}
        {temp.stale !== null && <span className="tag tag--warning">Stale</span>}
      </div>
      {temp.stale !== null && <p className="temp-model__stale">Stale: {temp.stale}</p>}
      <FactList facts={facts} className="facts--compact temp-model__facts" />
    </li>
  )
})
