import type { DataProgress } from '../../../../src-shared/types'
import { openHistoryStore, type HistoryStore } from '../../history/history-store'
import { createSteppingClock } from '../../history/test-fixtures/clock'
import { createDataService, type DataService } from '../data-service'

/** A fresh in-memory history with a data service over it that records its progress events and never waits. */
export function dataHarness(): { store: HistoryStore; data: DataService; progress: DataProgress[] } {
  let counter = 0
  const store = openHistoryStore({ file: ':memory:', now: createSteppingClock().now })
  const progress: DataProgress[] = []
  const data = createDataService({
    history: store,
    events: { emit: (_event, payload) => progress.push(payload as DataProgress) },
    version: '9.9.9',
    now: () => new Date('2025-06-01T12:00:00.000Z'),
    newId: () => `new-${(counter += 1)}`,
    pause: async () => undefined,
  })
  return { store, data, progress }
}
