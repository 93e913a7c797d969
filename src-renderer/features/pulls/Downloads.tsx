import { useMemo } from 'react'
import { listedPulls } from '../../store/pulls-slice'
import { useApp } from '../../store/store-context'
import { PullRow } from './PullRow'

/** Every pull of this window (and those started elsewhere), in one place at the top of the Models page. */
export function Downloads() {
  const pulls = useApp((state) => state.pulls)
  const listed = useMemo(() => listedPulls(pulls), [pulls])
  if (listed.length === 0) return null
  return (
    <section className="downloads" aria-labelledby="downloads-title">
      <h2 id="downloads-title" className="section-title">
        Downloads
      </h2>
      <ul className="downloads__list">
        {listed.map((pull) => (
          <PullRow key={pull.requestId} pull={pull} />
        ))}
      </ul>
    </section>
  )
}
