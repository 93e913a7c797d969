import { expect, it } from 'vitest'
import { followRows } from './render-window'

const rowsOf = (...keys: string[]) => keys.map((key) => ({ key }))
const tail = Array.from({ length: 60 }, (_, index) => `n${index}`)
const older = Array.from({ length: 1_000 }, (_, index) => `o${index}`)

it('keeps a window on the same rows when older rows come in above it', () => {
  const cut = { from: 20, to: 40, fromKey: 'n20' }
  expect(followRows(cut, rowsOf(...older, ...tail))).toEqual({ from: 1_020, to: 1_040, fromKey: 'n20' })
  expect(followRows({ ...cut, to: 'end' }, rowsOf(...older, ...tail))).toEqual({
    from: 1_020,
    to: 'end',
    fromKey: 'n20',
  })
})

it('leaves a window whose rows did not move, or whose first row is gone, as it was cut', () => {
  const cut = { from: 20, to: 'end' as const, fromKey: 'n20' }
  expect(followRows(cut, rowsOf(...tail, 'new-reply'))).toBe(cut)
  expect(followRows(cut, rowsOf(...tail.slice(0, 10)))).toBe(cut)
})
