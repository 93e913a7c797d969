import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryLogger } from '../log'
import { ReplyBuffer } from './reply-buffer'

describe('ReplyBuffer', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  const make = () => {
    const deltas: [string, string][] = []
    const checkpoints: [string, string][] = []
    const buffer = new ReplyBuffer({
      deltaIntervalMs: 30,
      checkpointIntervalMs: 500,
      emitDelta: (content, thinking) => deltas.push([content, thinking]),
      checkpoint: (content, thinking) => checkpoints.push([content, thinking]),
      log: createMemoryLogger(),
    })
    return { buffer, deltas, checkpoints }
  }

  it('sends the first token at once, before any timer runs', () => {
    const { buffer, deltas } = make()
    buffer.append('Hel', '')
    expect(deltas).toEqual([['Hel', '']])
  })

  it('coalesces the tokens that follow within one interval into one delta', () => {
    const { buffer, deltas } = make()
    buffer.append('Hel', '')
    buffer.append('lo', '')
    buffer.append(' world', '')
    expect(deltas).toEqual([['Hel', '']])
    vi.advanceTimersByTime(29)
    expect(deltas).toEqual([['Hel', '']])
    vi.advanceTimersByTime(1)
    expect(deltas).toEqual([
      ['Hel', ''],
      ['lo world', ''],
    ])
    buffer.append('!', 'hmm')
    expect(deltas).toHaveLength(2)
    vi.advanceTimersByTime(30)
    expect(deltas).toEqual([
      ['Hel', ''],
      ['lo world', ''],
      ['!', 'hmm'],
    ])
    expect(buffer.content).toBe('Hello world!')
    expect(buffer.thinking).toBe('hmm')
  })

  it('sends at most one delta per interval while tokens keep coming', () => {
    const { buffer, deltas } = make()
    for (let ms = 0; ms < 300; ms++) {
      buffer.append('x', '')
      vi.advanceTimersByTime(1)
    }
    // One at once, then one at the end of each of the ten 30 ms intervals.
    expect(deltas).toHaveLength(11)
    expect(deltas.map(([content]) => content).join('')).toBe('x'.repeat(300))
  })

  it('sends the first token after a quiet interval at once again', () => {
    const { buffer, deltas } = make()
    buffer.append('a', '')
    vi.advanceTimersByTime(30)
    // The interval after "a" ended with nothing pending: the buffer is quiet.
    vi.advanceTimersByTime(500)
    buffer.append('', 'thinking again')
    expect(deltas).toEqual([
      ['a', ''],
      ['', 'thinking again'],
    ])
  })

  it('checkpoints the whole text at most one interval after it arrived, even if the stream stalls', () => {
    const { buffer, checkpoints } = make()
    buffer.append('partial', '')
    vi.advanceTimersByTime(499)
    expect(checkpoints).toEqual([])
    vi.advanceTimersByTime(1)
    expect(checkpoints).toEqual([['partial', '']])
    buffer.append(' more', '')
    vi.advanceTimersByTime(500)
    expect(checkpoints).toEqual([
      ['partial', ''],
      ['partial more', ''],
    ])
  })

  it('flush sends what is pending at once and stops the checkpoint timer', () => {
    const { buffer, deltas, checkpoints } = make()
    buffer.append('end', '')
    buffer.flush()
    expect(deltas).toEqual([['end', '']])
    vi.advanceTimersByTime(2000)
    expect(checkpoints).toEqual([])
    expect(deltas).toHaveLength(1)
  })

  it('flush in the middle of an interval sends the waiting text at once, and nothing more later', () => {
    const { buffer, deltas } = make()
    buffer.append('Hel', '')
    buffer.append('lo', 'hm')
    vi.advanceTimersByTime(10)
    expect(deltas).toEqual([['Hel', '']])
    buffer.flush()
    expect(deltas).toEqual([
      ['Hel', ''],
      ['lo', 'hm'],
    ])
    vi.advanceTimersByTime(1000)
    expect(deltas).toEqual([
      ['Hel', ''],
      ['lo', 'hm'],
    ])
  })

  it('ignores empty chunks and reports emptiness', () => {
    const { buffer, deltas } = make()
    buffer.append('', '')
    vi.advanceTimersByTime(100)
    expect(deltas).toEqual([])
    expect(buffer.isEmpty).toBe(true)
    buffer.append('', 'thinking first')
    expect(buffer.isEmpty).toBe(false)
  })

  it('logs a failing checkpoint or delta instead of throwing from its timer, and keeps going', () => {
    const log = createMemoryLogger()
    const checkpoints: string[] = []
    let diskFull = true
    let windowGone = true
    const buffer = new ReplyBuffer({
      deltaIntervalMs: 30,
      checkpointIntervalMs: 500,
      emitDelta: () => {
        if (windowGone) throw new Error('window destroyed')
      },
      checkpoint: (content) => {
        if (diskFull) throw new Error('SQLITE_FULL: database or disk is full')
        checkpoints.push(content)
      },
      log,
    })
    buffer.append('first', '')
    expect(() => vi.advanceTimersByTime(500)).not.toThrow()
    expect(log.lines.map((line) => [line.level, line.fields?.['error']])).toEqual([
      ['error', 'window destroyed'],
      ['error', 'SQLITE_FULL: database or disk is full'],
    ])
    diskFull = false
    windowGone = false
    buffer.append(' second', '')
    vi.advanceTimersByTime(500)
    expect(checkpoints).toEqual(['first second'])
    buffer.append(' third', '')
    buffer.append(' fourth', '')
    windowGone = true
    expect(() => buffer.flush()).not.toThrow()
    expect(log.lines).toHaveLength(3)
  })
})
