import { afterEach, expect, it } from 'vitest'
import { createMemoryLogger } from '../log'
import { startCoreHarness, unwrap, type CoreHarness } from '../../test-support/core-harness'
import { appHandlers } from './app-handlers'

let h: CoreHarness | undefined
afterEach(async () => h?.close())

it('writes a failure the window reports to the log, and refuses an unbounded report', async () => {
  h = await startCoreHarness()
  const logged = unwrap(
    await h.core.dispatch('app:reportError', {
      where: 'the chat view crashed',
      message: 'Cannot read x',
      stack: 'Error: Cannot read x\n at A',
    }),
  )
  expect(logged).toEqual({ logged: true })
  expect(h.log.lines.at(-1)).toEqual({
    level: 'error',
    message: 'the window failed: the chat view crashed',
    fields: { message: 'Cannot read x', stack: 'Error: Cannot read x\n at A' },
  })
  const flood = await h.core.dispatch('app:reportError', { where: 'x', message: 'y'.repeat(5_000) })
  expect(flood).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
})

it('opens the log file’s folder where the shell can, and says it could not elsewhere', async () => {
  h = await startCoreHarness()
  expect(unwrap(await h.core.dispatch('app:openLogFolder', {}))).toEqual({ opened: false })
  const opened: string[] = []
  const log = { ...createMemoryLogger(), file: '/home/me/.config/ollmchat/logs/ollmchat.log' }
  const openFolder = async (folder: string) => void opened.push(folder)
  const handlers = appHandlers({ log, openFolder } as unknown as Parameters<typeof appHandlers>[0])
  expect(await handlers['app:openLogFolder']({})).toEqual({ opened: true })
  expect(opened).toEqual(['/home/me/.config/ollmchat/logs'])
})

it('installs a downloaded update through the shell’s updater, and says there is none without one', async () => {
  h = await startCoreHarness()
  expect(unwrap(await h.core.dispatch('app:restartToUpdate', {}))).toEqual({ restarting: false })
  expect(unwrap(await h.core.dispatch('app:getInfo', {})).updateReady).toBeNull()
  let installs = 0
  const handlers = appHandlers({ restartToUpdate: () => ++installs > 0 } as unknown as Parameters<
    typeof appHandlers
  >[0])
  expect(await handlers['app:restartToUpdate']({})).toEqual({ restarting: true })
  expect(installs).toBe(1)
})
