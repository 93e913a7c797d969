import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { SimOptions } from '../../tools/ollama-sim/index'

/** What the simulator process does on request (see `sim-process-child.ts`). */
export type SimCommand =
  | { kind: 'seed'; names: string[]; from: string; numCtx: number[] }
  | { kind: 'load'; name: string; numCtx: number }
  | { kind: 'temps' }
  | { kind: 'latency'; ms: number }
  | { kind: 'drop-deletes'; times: number }
  | { kind: 'requests' }
  | { kind: 'ping-start'; url: string; everyMs: number }
  | { kind: 'ping-stop' }
  | { kind: 'close' }

/** The simulator running in a child process (so its CPU is not the benchmark's); see `sim-process-child.ts`. */
export interface SimProcess {
  url: string
  /** Creates models through `/api/create` (setup). */
  seed(names: string[], from: string, numCtx: number[]): Promise<void>
  /** Loads a model into a runner that stays for an hour. */
  load(name: string, numCtx: number): Promise<void>
  /** Display names of every `ollmchat-temp/` model installed now. */
  temps(): Promise<string[]>
  latency(ms: number): Promise<void>
  /** Transport fault: the next `times` deletes lose their connection before Ollama handles them. */
  dropDeletes(times: number): Promise<void>
  /** Requests received since the last call. */
  requests(): Promise<number>
  /** Starts GETting `url` from the simulator's process every `everyMs`. */
  pingStart(url: string, everyMs: number): Promise<void>
  /** Stops pinging; the round trips (ms). */
  pingStop(): Promise<number[]>
  close(): Promise<void>
}

export async function startSimProcess(options: SimOptions): Promise<SimProcess> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./sim-process-child.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, OLLMCHAT_BENCH_SIM: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  let nextId = 1
  let ready: (url: string) => void = () => {}
  let failed: (error: Error) => void = () => {}
  const url = new Promise<string>((resolve, reject) => {
    ready = resolve
    failed = reject
  })
  child.on('message', (message: { id: number; result?: unknown; error?: string }) => {
    if (message.id === 0) return ready(message.result as string)
    const waiter = pending.get(message.id)
    pending.delete(message.id)
    if (message.error !== undefined) waiter?.reject(new Error(`simulator: ${message.error}`))
    else waiter?.resolve(message.result)
  })
  child.on('exit', (code) => {
    failed(new Error(`simulator process exited with ${String(code)}`))
    for (const waiter of pending.values()) waiter.reject(new Error('simulator process exited'))
  })
  const send = <T>(command: SimCommand): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++
      pending.set(id, { resolve, reject })
      child.send({ id, command })
    })
  return {
    url: await url,
    seed: (names, from, numCtx) => send({ kind: 'seed', names, from, numCtx }),
    load: (name, numCtx) => send({ kind: 'load', name, numCtx }),
    temps: () => send({ kind: 'temps' }),
    latency: (ms) => send({ kind: 'latency', ms }),
    dropDeletes: (times) => send({ kind: 'drop-deletes', times }),
    requests: () => send({ kind: 'requests' }),
    pingStart: (target, everyMs) => send({ kind: 'ping-start', url: target, everyMs }),
    pingStop: () => send({ kind: 'ping-stop' }),
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      await send({ kind: 'close' }).catch(() => {})
      await exited
    },
  }
}
