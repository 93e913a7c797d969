import { cleanup, screen, within } from '@testing-library/react'
import { afterEach, expect, it } from 'vitest'
import { ok } from '../../../src-shared/ipc/result'
import type { AppInfo } from '../../../src-shared/types'
import { createFakeBridge } from '../../test-support/fake-bridge'
import { renderApp } from '../../test-support/render-app'

afterEach(cleanup)

const info = (overrides: Partial<AppInfo>): AppInfo => ({
  version: '0.1.0',
  mode: 'desktop',
  simulatedOllama: false,
  dataDir: '/home/me/.config/ollmchat',
  secretsEncrypted: true,
  ...overrides,
})

async function settingsWith(appInfo: AppInfo) {
  const fake = createFakeBridge()
  fake.handle('app:getInfo', () => ok(appInfo))
  fake.handle('app:openLogFolder', () => ok({ opened: true }))
  const app = await renderApp(fake)
  await app.user.click(screen.getByRole('button', { name: 'Settings' }))
  return { app, fake, section: within(screen.getByRole('region', { name: 'Log' })) }
}

it('names the log file and, in the desktop app, opens its folder', async () => {
  const { app, fake, section } = await settingsWith(
    info({ logFile: '/home/me/.config/ollmchat/logs/ollmchat.log', canOpenLogFolder: true }),
  )
  expect(section.getByText('/home/me/.config/ollmchat/logs/ollmchat.log')).toBeTruthy()
  await app.user.click(section.getByRole('button', { name: 'Open log folder' }))
  expect(fake.callsTo('app:openLogFolder')).toEqual([{}])
})

it('in a browser tab offers the path to copy, since a page cannot open a folder', async () => {
  const { section } = await settingsWith(
    info({ mode: 'browser', logFile: '/data/logs/ollmchat.log', canOpenLogFolder: false }),
  )
  expect(section.getByRole('button', { name: 'Copy the log file’s path' })).toBeTruthy()
  expect(section.queryByRole('button', { name: 'Open log folder' })).toBeNull()
})
