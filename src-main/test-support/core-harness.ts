// A real core (real SQLite, real settings file, real sockets) against the Ollama simulator, for integration tests.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { EventMap, EventName } from '../../src-shared/ipc/contract'
import { createCore } from '../core/app-core'
import type { Core, CoreTiming } from '../core/core-types'
import { createMemoryLogger } from '../core/log'
import { openFileSettingsStore } from '../core/settings/file-settings-store'
import { startOllamaSim, type OllamaSim, type SimOptions } from '../../tools/ollama-sim/index'

export interface RecordedEvent<E extends EventName = EventName> {
  name: E
  payload: EventMap[E]
}

export interface CoreHarness {
  core: Core
  sim: OllamaSim
  dataDir: string
  log: ReturnType<typeof createMemoryLogger>
  events: RecordedEvent[]
  eventsNamed<E extends EventName>(name: E): EventMap[E][]
  /** Resolves once `predicate` holds, polling every few milliseconds; fails after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>
  /** Stops this core and starts another on the same data folder and simulator. */
  restart(): Promise<void>
  close(): Promise<void>
}

const FAST: Partial<CoreTiming> = {
  deltaIntervalMs: 5,
  checkpointIntervalMs: 50,
  statusWhileDownMs: 50,
  statusWhileUpMs: 60_000,
}

export async function startCoreHarness(
  options: { sim?: SimOptions; start?: boolean; timing?: Partial<CoreTiming> } = {},
): Promise<CoreHarness> {
  const sim = await startOllamaSim({ models: ['llama3'], ...options.sim })
  const dataDir = mkdtempSync(join(tmpdir(), 'ollmchat-core-'))
  const log = createMemoryLogger()
  const events: RecordedEvent[] = []
  const build = () => {
    const core = createCore({
      dataDir,
      settings: openFileSettingsStore(dataDir, { log }),
      mode: 'browser',
      version: '0.0.0-test',
      env: { OLLAMA_HOST: sim.url },
      log,
      timing: { ...FAST, ...options.timing },
    })
    core.events.onAny((name, payload) => events.push({ name, payload }))
    if (options.start !== false) core.start()
    return core
  }
  const harness: CoreHarness = {
    core: build(),
    sim,
    dataDir,
    log,
    events,
    eventsNamed: <E extends EventName>(name: E) =>
      events.filter((event) => event.name === name).map((event) => event.payload as EventMap[E]),
    async waitFor(predicate, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error('condition not met in time')
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    },
    async restart() {
      await harness.core.stop()
      harness.core = build()
    },
    async close() {
      await harness.core.stop()
      await sim.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
  return harness
}

/** Unwraps a `Result`, failing the test with the error when it is not ok. */
export function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}
