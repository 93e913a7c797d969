import { expect, it } from 'vitest'
import { fail, ok } from '../../src-shared/ipc/result'
import { createStoreHarness } from '../test-support/store-harness'

const MB = 1024 * 1024

it('reads each image from main once, and again after a failure', async () => {
  const { fake, store } = createStoreHarness()
  let failing = true
  fake.handle('conversations:image', () =>
    failing ? fail('NOT_FOUND', 'gone') : ok({ mime: 'image/png', data: 'AAAA' }),
  )
  expect(await store.getState().messageImage('m1', 0)).toBeNull()
  failing = false
  expect(await store.getState().messageImage('m1', 0)).toBe('data:image/png;base64,AAAA')
  expect(await store.getState().messageImage('m1', 0)).toBe('data:image/png;base64,AAAA')
  expect(fake.callsTo('conversations:image')).toHaveLength(2)
})

it('keeps no more than about 64 MB of images, dropping the oldest first', async () => {
  const { fake, store } = createStoreHarness()
  // Each image is 13 MiB of base64 (a 10 MB photo) and its prefix: four fit under 64 MiB, the fifth pushes the oldest
  // out and the sixth the next.
  fake.handle('conversations:image', () => ok({ mime: 'image/jpeg', data: 'A'.repeat(13 * MB) }))
  for (let index = 0; index < 6; index += 1) await store.getState().messageImage(`m${index}`, 0)
  expect(fake.callsTo('conversations:image')).toHaveLength(6)
  await store.getState().messageImage('m5', 0)
  expect(fake.callsTo('conversations:image'), 'the newest is still cached').toHaveLength(6)
  await store.getState().messageImage('m2', 0)
  expect(fake.callsTo('conversations:image'), 'the third is still cached').toHaveLength(6)
  await store.getState().messageImage('m1', 0)
  expect(fake.callsTo('conversations:image'), 'the second was dropped and is read again').toHaveLength(7)
})
