import { cleanup, screen, within } from '@testing-library/react'
import { afterEach, expect, it } from 'vitest'
import { ok } from '../../src-shared/ipc/result'
import type { StartupNotice } from '../../src-shared/types'
import { createFakeBridge } from '../test-support/fake-bridge'
import { makeAppInfo } from '../test-support/fixtures'
import { renderApp } from '../test-support/render-app'

afterEach(() => {
  cleanup()
  localStorage.clear()
})

const damaged: StartupNotice = {
  id: 'history:/d/history.damaged-2025.sqlite',
  title: 'The chat history was damaged',
  message:
    'ollmchat found the chat history file damaged, so it moved it aside untouched and started a new, empty history.',
  file: '/d/history.damaged-2025.sqlite',
}

async function appWith(notices: StartupNotice[]) {
  const fake = createFakeBridge()
  fake.handle('app:getInfo', () => ok(makeAppInfo({ dataDir: '/d', startupNotices: notices })))
  return renderApp(fake)
}

it('shows each start-up notice with the kept file, and once dismissed not again after a reload', async () => {
  const app = await appWith([damaged])
  const banner = await screen.findByRole('alert', { name: '' })
  expect(within(banner).getByText('The chat history was damaged')).toBeTruthy()
  expect(within(banner).getByText(damaged.file)).toBeTruthy()
  await app.user.click(within(banner).getByRole('button', { name: 'Dismiss' }))
  expect(screen.queryByText('The chat history was damaged')).toBeNull()
  cleanup()
  await appWith([damaged])
  expect(screen.queryByText('The chat history was damaged')).toBeNull()
})
