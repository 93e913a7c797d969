import type { DataProgress } from '../../../src-shared/types'

/**
 * Reports one phase of an export or import, at most once per whole percent (and always at 0 and at the end): a
 * history of 10,000 conversations sends about a hundred events, not ten thousand.
 */
export function progressReporter(
  emit: (progress: DataProgress) => void,
  base: Pick<DataProgress, 'requestId' | 'operation' | 'phase'>,
  total: number,
): (done: number) => void {
  let lastPercent = -1
  return (done) => {
    const percent = total === 0 ? 100 : Math.floor((done * 100) / total)
    if (percent === lastPercent && done !== total) return
    lastPercent = percent
    emit({ ...base, done, total })
  }
}
