import { formatBytes } from '../../../src-shared/format'
import { formatDuration } from '../../lib/relative-time'
import { pullSecondsLeft, pullSpeed, pullTotals, type Pull } from '../../store/pull-progress'

/**
 * "1.2 GB of at least 2.0 GB": layers Ollama has not started yet are unknown, so until it moves past the layers
 * the total is a lower bound. Empty before the first layer.
 */
export function pullAmountText(pull: Pull): string {
  const { done, total, final } = pullTotals(pull)
  if (total === 0) return ''
  return `${formatBytes(done)} of ${final ? '' : 'at least '}${formatBytes(total)}`
}

/** "12.3 MB/s · about 2 min left" (a lower bound while more layers may come), or empty while unmeasured. */
export function pullPaceText(pull: Pull): string {
  const speed = pullSpeed(pull)
  if (speed === null) return ''
  const seconds = pullSecondsLeft(pull)
  const rate = `${formatBytes(speed)}/s`
  if (seconds === null || speed <= 0) return rate
  return `${rate} · ${pullTotals(pull).final ? 'about' : 'at least'} ${formatDuration(seconds)} left`
}

/** "45 % · 1.2 GB of at least 2.0 GB · 12.3 MB/s · at least 2 min left", the parts known so far. */
export function pullNumbersText(pull: Pull): string {
  const { percent } = pullTotals(pull)
  return [percent === null ? '' : `${percent} %`, pullAmountText(pull), pullPaceText(pull)].filter(Boolean).join(' · ')
}

/**
 * The sidebar's line: "Pulling llama3.2:3b… 45 %", "Pulling llama3.2:3b on Work GPU…" (`elsewhere`: the host of a
 * lone pull when not the one in use), "Pulling 2 models…".
 */
export function pullIndicatorText(running: readonly Pull[], elsewhere: string | null = null): string {
  const [only] = running
  if (running.length === 1 && only !== undefined) {
    const { percent } = pullTotals(only)
    return `Pulling ${only.model}${elsewhere === null ? '' : ` on ${elsewhere}`}…${percent === null ? '' : ` ${percent} %`}`
  }
  return `Pulling ${running.length} models…`
}
