import { afterEach } from 'vitest'
import type { DataProgress } from '../../../../src-shared/types'
import { openHistoryStore, type HistoryStore } from '../../history/history-store'
import { createSteppingClock } from '../../history/test-fixtures/clock'
import { createDataService, type DataService, type DataServiceDeps } from '../data-service'

export interface DataHarness {
  store: HistoryStore
  data: DataService
  progress: DataProgress[]
  /** Every event the service emitted, by name, in order (`data:progress` included). */
  events: Array<{ name: string; payload: unknown }>
}

/** A fresh in-memory history with a data service over it that records its events and never waits. */
export function dataHarness(overrides: Partial<DataServiceDeps> = {}): DataHarness {
  let counter = 0
  const store = openHistoryStore({ file: ':memory:', now: createSteppingClock().now })
  const progress: DataProgress[] = []
  const events: DataHarness['events'] = []
  const data = createDataService({
    history: store,
    events: {
      emit: (name, payload) => {
        events.push({ name, payload })
        if (name === 'data:progress') progress.push(payload as DataProgress)
      },
    },
    version: '9.9.9',
    now: () => new Date('2025-06-01T12:00:00.000Z'),
    newId: () => `new-${(counter += 1)}`,
    pause: async () => undefined,
    ...overrides,
  })
  return { store, data, progress, events }
}

/**
 * For a test file: returns the maker of harnesses, each closed after the test that made it. Call it once at the top
 * of the file (it registers the `afterEach`).
 */
export function dataHarnessesPerTest(): (overrides?: Partial<DataServiceDeps>) => DataHarness {
  const open: HistoryStore[] = []
  afterEach(() => open.splice(0).forEach((store) => store.close()))
  return (overrides) => {
    const made = dataHarness(overrides)
    open.push(made.store)
    return made
  }
}
