import { afterEach, describe, expect, it } from 'vitest'
import type { OllamaStatus } from '../../../src-shared/types'
import { createMemoryLogger } from '../log'
import { createOllamaStatusMonitor, type OllamaStatusMonitor } from './ollama-status'

const refused = () =>
  Object.assign(new Error('Ollama is not answering at http://127.0.0.1:1.'), { code: 'OLLAMA_UNREACHABLE' })

describe('createOllamaStatusMonitor', () => {
  let monitor: OllamaStatusMonitor | undefined
  afterEach(() => monitor?.stop())

  const waitFor = async (predicate: () => boolean) => {
    for (let i = 0; i < 200 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
    expect(predicate()).toBe(true)
  }

  it('reports unreachable with the host, then recovers by itself when Ollama comes up', async () => {
    let up = false
    const changes: OllamaStatus[] = []
    monitor = createOllamaStatusMonitor({
      host: 'http://127.0.0.1:1',
      probe: async () => {
        if (!up) throw refused()
        return '0.32.15'
      },
      timing: { whileDownMs: 10, whileUpMs: 10_000 },
      log: createMemoryLogger(),
      onChange: (status) => changes.push(status),
    })
    monitor.start()
    await waitFor(() => changes.length === 1)
    expect(changes[0]).toMatchObject({
      state: 'unreachable',
      host: 'http://127.0.0.1:1',
      error: { code: 'OLLAMA_UNREACHABLE' },
    })
    up = true
    await waitFor(() => changes.length === 2)
    expect(changes[1]).toMatchObject({ state: 'reachable', version: '0.32.15', error: null })
  })

  it('publishes only changes, and reportFailure flips to unreachable at once', async () => {
    const changes: OllamaStatus[] = []
    monitor = createOllamaStatusMonitor({
      host: 'http://h:1',
      probe: async () => '1.0.0',
      timing: { whileDownMs: 10_000, whileUpMs: 10_000 },
      log: createMemoryLogger(),
      onChange: (status) => changes.push(status),
    })
    await monitor.checkNow()
    await monitor.checkNow()
    expect(changes.map((status) => status.state)).toEqual(['reachable'])
    monitor.reportFailure({ code: 'OLLAMA_ERROR', message: 'not a connectivity problem' }, 'http://h:1')
    expect(monitor.current().state).toBe('reachable')
    monitor.reportFailure({ code: 'OLLAMA_UNREACHABLE', message: 'down' }, 'http://h:1')
    expect(monitor.current().state).toBe('unreachable')
    expect(changes.map((status) => status.state)).toEqual(['reachable', 'unreachable'])
  })

  it('checks the new host after a host change and ignores a late answer about the old one', async () => {
    let releaseOld: (() => void) | undefined
    const changes: OllamaStatus[] = []
    monitor = createOllamaStatusMonitor({
      host: 'http://old:1',
      probe: () =>
        new Promise<string>((resolve) => {
          releaseOld = () => resolve('old')
        }),
      timing: { whileDownMs: 10_000, whileUpMs: 10_000 },
      log: createMemoryLogger(),
      onChange: (status) => changes.push(status),
    })
    const oldCheck = monitor.checkNow()
    monitor.setHost('http://new:2', async () => 'new')
    await waitFor(() => monitor?.current().state === 'reachable')
    releaseOld?.()
    await oldCheck
    expect(monitor.current()).toMatchObject({ host: 'http://new:2', version: 'new' })
    expect(changes.some((status) => status.version === 'old')).toBe(false)
  })

  it('ignores a failure reported about a host it no longer watches', async () => {
    const changes: OllamaStatus[] = []
    monitor = createOllamaStatusMonitor({
      host: 'http://old:1',
      probe: async () => 'old',
      timing: { whileDownMs: 10_000, whileUpMs: 10_000 },
      log: createMemoryLogger(),
      onChange: (status) => changes.push(status),
    })
    monitor.setHost('http://new:2', async () => 'new')
    await waitFor(() => monitor?.current().state === 'reachable')
    monitor.reportFailure(
      { code: 'OLLAMA_UNREACHABLE', message: 'Ollama is not answering at http://old:1.' },
      'http://old:1',
    )
    expect(monitor.current()).toMatchObject({ state: 'reachable', host: 'http://new:2' })
    expect(changes.map((status) => status.state)).toEqual(['checking', 'reachable'])
  })
})
