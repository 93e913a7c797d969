import { describe, expect, it } from 'vitest'
import { parsePort, portOrExit, runUntilSignalled, type CliProcess } from './cli-runner'

/** A process stand-in that records exits and output and lets the test send signals. */
function fakeProcess() {
  const listeners: Record<string, (() => void)[]> = {}
  const exits: number[] = []
  const lines: string[] = []
  const proc: CliProcess = {
    on: (signal, listener) => (listeners[signal] ??= []).push(listener),
    exit: (code) => void exits.push(code),
    log: (line) => void lines.push(line),
    error: (line) => void lines.push(line),
  }
  const signal = (name: 'SIGINT' | 'SIGTERM') => {
    for (const listener of listeners[name] ?? []) listener()
  }
  return { proc, exits, lines, signal }
}

/** A handle whose close() stays pending until the test settles it. */
function pendingHandle() {
  let finish: (error?: Error) => void = () => {}
  let closes = 0
  const handle = {
    get closes() {
      return closes
    },
    close: () => {
      closes += 1
      return new Promise<void>((resolve, reject) => {
        finish = (error) => (error ? reject(error) : resolve())
      })
    },
  }
  return { handle, finish: (error?: Error) => finish(error) }
}

const flush = () => new Promise((resolve) => setImmediate(resolve))

describe('parsePort', () => {
  it('takes whole numbers from 0 to 65535 and nothing else', () => {
    expect(['0', '80', '65535'].map(parsePort)).toEqual([0, 80, 65535])
    expect(['65536', '-1', 'eighty', '', ' 80', '0x50', '1e3', '8.0', undefined].map(parsePort)).toEqual(
      Array(9).fill(undefined),
    )
  })

  it('exits with 2 and names the flag when the value is not a port', () => {
    const { proc, exits, lines } = fakeProcess()
    portOrExit('eighty', '--ollama-port', proc)
    expect(exits).toEqual([2])
    expect(lines).toEqual(['ollmchat: --ollama-port must be a number from 0 to 65535 (got eighty).'])
    expect(portOrExit('8080', '--port', proc)).toBe(8080)
    expect(exits).toEqual([2])
  })
})

describe('runUntilSignalled', () => {
  it('announces once started, then closes on the first Ctrl+C and exits 0', async () => {
    const { proc, exits, signal } = fakeProcess()
    const { handle, finish } = pendingHandle()
    const announced: unknown[] = []
    await runUntilSignalled(
      async () => handle,
      (h) => announced.push(h),
      proc,
    )
    expect(announced).toEqual([handle])
    signal('SIGINT')
    expect(handle.closes).toBe(1)
    expect(exits).toEqual([])
    finish()
    await flush()
    expect(exits).toEqual([0])
  })

  it("lets later signals (npm's copy of the same Ctrl+C, another keypress, a SIGTERM) change nothing: a slow close still ends in 0", async () => {
    const { proc, exits, lines, signal } = fakeProcess()
    const { handle, finish } = pendingHandle()
    await runUntilSignalled(
      async () => handle,
      () => {},
      proc,
    )
    signal('SIGINT')
    signal('SIGINT')
    signal('SIGTERM')
    expect(exits).toEqual([])
    expect(handle.closes).toBe(1)
    // The close takes its time (a reply being saved, calls to Ollama within their grace period), then succeeds.
    finish()
    await flush()
    expect(exits).toEqual([0])
    expect(lines.filter((line) => line.startsWith('ollmchat: stopping…'))).toHaveLength(1)
  })

  it('exits 1 with the reason when closing fails', async () => {
    const { proc, exits, lines, signal } = fakeProcess()
    const { handle, finish } = pendingHandle()
    await runUntilSignalled(
      async () => handle,
      () => {},
      proc,
    )
    signal('SIGTERM')
    finish(new Error('disk gone'))
    await flush()
    expect(exits).toEqual([1])
    expect(lines.at(-1)).toBe('ollmchat: stopping failed: disk gone')
  })

  it('closes without announcing when the signal came while still starting', async () => {
    const { proc, exits, signal } = fakeProcess()
    const { handle, finish } = pendingHandle()
    let started: (value: typeof handle) => void = () => {}
    const announced: unknown[] = []
    const running = runUntilSignalled(
      () => new Promise<typeof handle>((resolve) => (started = resolve)),
      (h) => announced.push(h),
      proc,
    )
    signal('SIGTERM')
    started(handle)
    await running
    expect(handle.closes).toBe(1)
    expect(announced).toEqual([])
    finish()
    await flush()
    expect(exits).toEqual([0])
  })

  it('prints one line and exits 1 when starting fails (e.g. the port is taken)', async () => {
    const { proc, exits, lines } = fakeProcess()
    await runUntilSignalled(
      () => Promise.reject(new Error('listen EADDRINUSE: address already in use 127.0.0.1:8080')),
      () => {},
      proc,
    )
    expect(exits).toEqual([1])
    expect(lines).toEqual(['ollmchat: could not start: listen EADDRINUSE: address already in use 127.0.0.1:8080'])
  })
})
