import { cleanup, screen, within } from '@testing-library/react'
import { afterEach, expect, it } from 'vitest'
import { fail, ok } from '../../src-shared/ipc/result'
import { createFakeBridge } from '../test-support/fake-bridge'
import { makeAppInfo } from '../test-support/fixtures'
import { renderApp } from '../test-support/render-app'

afterEach(() => cleanup())

/** The banner of one version, named by its title; `getBy` fails the test when it is not shown. */
const bannerFor = (version: string) => screen.getByRole('status', { name: `ollmchat ${version} is ready` })
const isShown = (version: string) => screen.queryByRole('status', { name: `ollmchat ${version} is ready` }) !== null

/** The window over a fake bridge whose `app:getInfo` reports `updateReady`, and whose restart says it restarts. */
async function windowWithUpdate(updateReady: string | null) {
  const fake = createFakeBridge()
  fake.handle('app:getInfo', () => ok(makeAppInfo({ updateReady })))
  fake.handle('app:restartToUpdate', () => ok({ restarting: true }))
  return renderApp(fake)
}

it('shows nothing while no update is waiting', async () => {
  await windowWithUpdate(null)
  expect(screen.queryByText(/is ready/)).toBeNull()
  expect(screen.queryByRole('button', { name: 'Restart to update' })).toBeNull()
})

it('shows the update an earlier download left waiting, as app:getInfo reports it at start', async () => {
  await windowWithUpdate('0.2.0')
  expect(
    within(bannerFor('0.2.0')).getByText('It installs when you restart ollmchat, or the next time you quit.'),
  ).toBeTruthy()
})

it('appears when main says an update was downloaded, and its button asks main to restart', async () => {
  const app = await windowWithUpdate(null)
  app.emit('app:updateReady', { version: '0.2.0' })
  await app.user.click(within(bannerFor('0.2.0')).getByRole('button', { name: 'Restart to update' }))
  expect(app.fake.callsTo('app:restartToUpdate')).toEqual([{}])
})

it('once dismissed stays away for that version, and comes back for a newer download', async () => {
  const app = await windowWithUpdate('0.2.0')
  await app.user.click(within(bannerFor('0.2.0')).getByRole('button', { name: 'Dismiss' }))
  expect(isShown('0.2.0')).toBe(false)
  expect(app.fake.callsTo('app:restartToUpdate')).toEqual([])
  app.emit('app:updateReady', { version: '0.2.0' })
  expect(isShown('0.2.0')).toBe(false)
  app.emit('app:updateReady', { version: '0.3.0' })
  expect(isShown('0.3.0')).toBe(true)
})

it('says so under its text when main will not restart, or the call fails, and clears it for a newer download', async () => {
  const app = await windowWithUpdate('0.2.0')
  app.fake.handle('app:restartToUpdate', () => ok({ restarting: false }))
  await app.user.click(within(bannerFor('0.2.0')).getByRole('button', { name: 'Restart to update' }))
  expect(within(bannerFor('0.2.0')).getByRole('alert').textContent).toBe(
    'ollmchat could not restart to install the update. It installs the next time you quit.',
  )
  app.fake.handle('app:restartToUpdate', () => fail('INTERNAL', 'The update file could not be opened.'))
  await app.user.click(within(bannerFor('0.2.0')).getByRole('button', { name: 'Restart to update' }))
  expect(within(bannerFor('0.2.0')).getByRole('alert').textContent).toBe('The update file could not be opened.')
  app.emit('app:updateReady', { version: '0.3.0' })
  expect(within(bannerFor('0.3.0')).queryByRole('alert')).toBeNull()
})
