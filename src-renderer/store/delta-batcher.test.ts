import { describe, expect, it } from 'vitest'
import type { DeltaBatch } from './chat-events'
import { createDeltaBatcher } from './delta-batcher'

function setup() {
  const applied: DeltaBatch[] = []
  const ticks: Array<() => void> = []
  const batcher = createDeltaBatcher(
    (batch) => applied.push(batch),
    (callback) => {
      ticks.push(callback)
    },
  )
  const delta = (messageId: string, content: string, thinking = '') => ({
    requestId: 'r',
    messageId,
    content,
    thinking,
  })
  return { applied, ticks, batcher, delta }
}

describe('the delta batcher', () => {
  it('applies everything that arrived before a tick in one batch, once per tick', () => {
    const { applied, ticks, batcher, delta } = setup()
    batcher.push(delta('a', 'Hel'))
    batcher.push(delta('a', 'lo', 'hm'))
    batcher.push(delta('b', 'x'))
    expect(ticks).toHaveLength(1)
    expect(applied).toEqual([])
    ticks[0]!()
    expect(applied).toEqual([{ a: { content: 'Hello', thinking: 'hm' }, b: { content: 'x', thinking: '' } }])
    batcher.push(delta('a', '!'))
    expect(ticks).toHaveLength(2)
  })

  it('flushes on demand and then has nothing left for the tick', () => {
    const { applied, ticks, batcher, delta } = setup()
    batcher.push(delta('a', 'one'))
    batcher.flush()
    ticks[0]!()
    expect(applied).toEqual([{ a: { content: 'one', thinking: '' } }])
  })

  it('drops what is pending once stopped', () => {
    const { applied, ticks, batcher, delta } = setup()
    batcher.push(delta('a', 'one'))
    batcher.stop()
    batcher.push(delta('a', 'two'))
    for (const tick of ticks) tick()
    expect(applied).toEqual([])
  })
})
