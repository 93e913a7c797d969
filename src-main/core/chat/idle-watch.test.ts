import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startIdleWatch } from './idle-watch'
import { recordFault } from '../../test-support/reliability-checks'

describe('startIdleWatch', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  const watch = (idleMinutes: number) => {
    const lines: number[] = []
    const idle = startIdleWatch({ idleMinutes, minuteMs: 60_000, onStillWaiting: (minutes) => lines.push(minutes) })
    return { idle, lines }
  }

  it('says each minute that it is still waiting, then aborts with a sentence naming the time', () => {
    recordFault('hung-reply')
    const { idle, lines } = watch(5)
    vi.advanceTimersByTime(59_999)
    expect(lines).toEqual([])
    vi.advanceTimersByTime(1)
    expect(lines).toEqual([1])
    vi.advanceTimersByTime(3 * 60_000)
    expect(lines).toEqual([1, 2, 3, 4])
    expect(idle.signal.aborted).toBe(false)
    vi.advanceTimersByTime(60_000)
    expect(idle.signal.aborted).toBe(true)
    expect(idle.failure).toMatchObject({ code: 'OLLAMA_SILENT' })
    expect(idle.failure?.message).toMatch(/^Ollama sent nothing for 5 minutes, so the reply was stopped\. /)
    expect(idle.signal.reason).toBe(idle.failure)
  })

  it('starts counting again after every chunk, so only silence between chunks counts', () => {
    recordFault('hung-reply')
    const { idle, lines } = watch(2)
    vi.advanceTimersByTime(90_000)
    idle.touch()
    vi.advanceTimersByTime(90_000)
    idle.touch()
    vi.advanceTimersByTime(90_000)
    expect(idle.signal.aborted).toBe(false)
    expect(lines).toEqual([1, 1, 1])
    vi.advanceTimersByTime(30_000)
    expect(idle.signal.aborted).toBe(true)
    expect(idle.failure?.message).toMatch(/for 2 minutes/)
  })

  it('sets no timer per chunk: a chunk only notes the time, the one timer re-arms for what is left', () => {
    const { idle, lines } = watch(2)
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout')
    for (let i = 0; i < 1_000; i++) idle.touch()
    expect(setTimeoutSpy).not.toHaveBeenCalled()
    vi.advanceTimersByTime(30_000)
    idle.touch()
    vi.advanceTimersByTime(60_000)
    expect(lines).toEqual([1])
    expect(setTimeoutSpy).toHaveBeenCalledTimes(2)
    setTimeoutSpy.mockRestore()
  })

  it('says "1 minute" for a limit of one, and never fires once stopped', () => {
    recordFault('hung-reply')
    const one = watch(1)
    vi.advanceTimersByTime(60_000)
    expect(one.lines).toEqual([])
    expect(one.idle.failure?.message).toMatch(/^Ollama sent nothing for 1 minute, so/)
    const stopped = watch(1)
    stopped.idle.stop()
    vi.advanceTimersByTime(10 * 60_000)
    expect(stopped.idle.signal.aborted).toBe(false)
  })
})
