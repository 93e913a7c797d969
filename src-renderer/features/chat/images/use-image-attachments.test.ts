import { act, renderHook } from '@testing-library/react'
import { expect, it } from 'vitest'
import { useImageAttachments } from './use-image-attachments'

/** Files that start like a PNG: the composer reads the format from the first bytes. */
const pngFiles = (count: number, prefix: string) =>
  Array.from(
    { length: count },
    (_, index) =>
      new File(
        [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])],
        `${prefix}${index}.png`,
        { type: 'image/png' },
      ),
  )

it('never attaches more than 8 images, even when a paste and a drop arrive at once', async () => {
  const { result } = renderHook(() => useImageAttachments('draft', null))
  const add = result.current.add
  // Both start from the same render, before either has attached anything.
  await act(async () => {
    await Promise.all([add(pngFiles(5, 'pasted')), add(pngFiles(5, 'dropped'))])
  })
  expect(result.current.images.map((image) => image.name)).toEqual([
    'pasted0.png',
    'pasted1.png',
    'pasted2.png',
    'pasted3.png',
    'pasted4.png',
    'dropped0.png',
    'dropped1.png',
    'dropped2.png',
  ])
  expect(result.current.problem).toBe('A message can carry at most 8 images. Only the first 3 could be added.')
})

it('says so when the draft is full already', async () => {
  const { result } = renderHook(() => useImageAttachments('draft', null))
  await act(() => result.current.add(pngFiles(8, 'a')))
  expect(result.current.problem).toBeNull()
  await act(() => result.current.add(pngFiles(1, 'b')))
  expect(result.current.images).toHaveLength(8)
  expect(result.current.problem).toBe('A message can carry at most 8 images.')
})
