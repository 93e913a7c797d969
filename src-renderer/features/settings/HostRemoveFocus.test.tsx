import { cleanup, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ok } from '../../../src-shared/ipc/result'
import { DEFAULT_SETTINGS, type HostEntry, type Settings } from '../../../src-shared/types'
import { createFakeBridge } from '../../test-support/fake-bridge'
import { renderApp } from '../../test-support/render-app'

afterEach(cleanup)

const work: HostEntry = { id: 'h1', url: 'http://192.168.1.20:11434', name: 'Work GPU', headerNames: [] }
const lab: HostEntry = { id: 'h2', url: 'http://10.0.0.5:11434', name: 'Lab', headerNames: [] }
const spare: HostEntry = { id: 'h3', url: 'http://10.0.0.6:11434', name: 'Spare', headerNames: [] }

/** The Settings page over a core that removes hosts the way main does (the default takes over an active one). */
async function settingsPage(hosts: HostEntry[], activeHostId: string | null) {
  const fake = createFakeBridge()
  const ollamaHost = hosts.find((host) => host.id === activeHostId)?.url ?? null
  let settings: Settings = { ...DEFAULT_SETTINGS, hosts, activeHostId, ollamaHost }
  fake.handle('settings:get', () => ok(settings))
  fake.handle('hosts:remove', ({ id }) => {
    const active = settings.activeHostId === id ? null : settings.activeHostId
    const rest = settings.hosts.filter((host) => host.id !== id)
    settings = {
      ...settings,
      activeHostId: active,
      hosts: rest,
      ollamaHost: rest.find((host) => host.id === active)?.url ?? null,
    }
    return ok(settings)
  })
  const app = await renderApp(fake)
  await app.user.click(screen.getByRole('button', { name: 'Settings' }))
  return app
}

async function removeHost(app: Awaited<ReturnType<typeof settingsPage>>, label: string) {
  await app.user.click(screen.getByRole('button', { name: `Remove ${label}` }))
  await app.user.click(
    within(screen.getByRole('dialog', { name: `Remove ${label}?` })).getByRole('button', { name: 'Remove' }),
  )
  await waitFor(() => expect(screen.queryByRole('button', { name: `Remove ${label}` })).toBeNull())
}

describe('removing a host gives the focus to a host that is left', () => {
  it('the one in use, when it was another', async () => {
    const app = await settingsPage([work, lab, spare], 'h3')
    await removeHost(app, 'Work GPU')
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: /^Spare/ }))
  })

  it('the next one in the list, when the removed one was in use', async () => {
    const app = await settingsPage([work, lab, spare], 'h1')
    await removeHost(app, 'Work GPU')
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: /^Lab/ }))
  })

  it('the Default one, when no added host is left', async () => {
    const app = await settingsPage([work], 'h1')
    await removeHost(app, 'Work GPU')
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: /^Default/ }))
  })

  it('the one before, when the removed one was last', async () => {
    const app = await settingsPage([work, lab], null)
    await removeHost(app, 'Lab')
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: /^Work GPU/ }))
  })
})
