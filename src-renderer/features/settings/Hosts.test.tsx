import { cleanup, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { fail, ok } from '../../../src-shared/ipc/result'
import { DEFAULT_SETTINGS, type HostEntry, type Settings } from '../../../src-shared/types'
import { createFakeBridge } from '../../test-support/fake-bridge'
import { makeStatus } from '../../test-support/fixtures'
import { renderApp } from '../../test-support/render-app'

afterEach(cleanup)

const work: HostEntry = { id: 'h1', url: 'http://192.168.1.20:11434', name: 'Work GPU', headerNames: ['Authorization'] }
const lab: HostEntry = { id: 'h2', url: 'http://10.0.0.5:11434', name: null, headerNames: [] }

/** The Settings page over a core that keeps its hosts the way main does (the active one's address in `ollamaHost`). */
async function settingsPage(hosts: HostEntry[] = [work, lab], secretsEncrypted = true) {
  const fake = createFakeBridge()
  fake.handle('app:getInfo', () =>
    ok({ version: '0.1.0', mode: 'desktop', simulatedOllama: false, dataDir: '/d', secretsEncrypted }),
  )
  let settings: Settings = { ...DEFAULT_SETTINGS, hosts }
  const withActive = (next: Settings): Settings => ({
    ...next,
    ollamaHost: next.hosts.find((host) => host.id === next.activeHostId)?.url ?? null,
  })
  fake.handle('settings:get', () => ok(settings))
  fake.handle('settings:update', (patch) => ok((settings = withActive({ ...settings, ...patch }))))
  fake.handle('hosts:save', ({ id, url, name }) => {
    const entry: HostEntry = { id: id ?? 'h9', url, name: name ?? null, headerNames: [] }
    const known = settings.hosts.some((host) => host.id === entry.id)
    const next = known
      ? settings.hosts.map((host) =>
          host.id === entry.id ? { ...host, ...entry, headerNames: host.headerNames } : host,
        )
      : [...settings.hosts, entry]
    return ok((settings = withActive({ ...settings, hosts: next })))
  })
  fake.handle('hosts:remove', ({ id }) => {
    const activeHostId = settings.activeHostId === id ? null : settings.activeHostId
    return ok(
      (settings = withActive({ ...settings, activeHostId, hosts: settings.hosts.filter((host) => host.id !== id) })),
    )
  })
  fake.handle('ollama:checkNow', () => ok(makeStatus('reachable', settings.ollamaHost ?? 'http://127.0.0.1:11434')))
  const app = await renderApp(fake)
  await app.user.click(screen.getByRole('button', { name: 'Settings' }))
  return { app, fake }
}

const hostGroup = () => within(screen.getByRole('group', { name: 'Ollama hosts' }))

describe('the host list', () => {
  it('lists the default and every added host with its header names, never a value, and says which is in use', async () => {
    await settingsPage()
    const group = hostGroup()
    expect(group.getByRole('radio', { name: 'Default (OLLAMA_HOST or 127.0.0.1:11434)' })).toHaveProperty(
      'checked',
      true,
    )
    expect(group.getByRole('radio', { name: 'Work GPU (192.168.1.20:11434)' })).toHaveProperty('checked', false)
    expect(group.getByRole('radio', { name: '10.0.0.5:11434' })).toBeTruthy()
    const headers = group.getByRole('list', { name: 'Extra headers sent to Work GPU' })
    expect(headers.textContent).toContain('Authorization: ••••')
    expect(group.getByText(/^In use:/).textContent).toBe('In use: http://127.0.0.1:11434 (reachable, Ollama 0.32.15)')
  })

  it('switches host, checks it at once, and goes back to the default', async () => {
    const { app, fake } = await settingsPage()
    await app.user.click(hostGroup().getByRole('radio', { name: 'Work GPU (192.168.1.20:11434)' }))
    expect(fake.callsTo('settings:update')).toContainEqual({ activeHostId: 'h1' })
    await waitFor(() =>
      expect(hostGroup().getByText(/^In use:/).textContent).toBe(
        'In use: http://192.168.1.20:11434 (reachable, Ollama 0.32.15)',
      ),
    )
    expect(fake.callsTo('ollama:checkNow')).toHaveLength(1)
    // The new host's models, not the old one's.
    expect(fake.callsTo('models:list')).toHaveLength(2)
    expect(app.store.getState().settings.ollamaHost).toBe(work.url)
    await app.user.click(hostGroup().getByRole('radio', { name: 'Default (OLLAMA_HOST or 127.0.0.1:11434)' }))
    expect(fake.callsTo('settings:update')).toContainEqual({ activeHostId: null })
    await waitFor(() => expect(fake.callsTo('ollama:checkNow')).toHaveLength(2))
  })

  it('shows a refused switch and keeps the host in use', async () => {
    const { app, fake } = await settingsPage()
    fake.handle('settings:update', () => fail('INVALID_INPUT', 'There is no host h1 any more.'))
    await app.user.click(hostGroup().getByRole('radio', { name: 'Work GPU (192.168.1.20:11434)' }))
    expect((await screen.findByRole('alert')).textContent).toContain('There is no host h1 any more.')
    expect(hostGroup().getByRole('radio', { name: 'Default (OLLAMA_HOST or 127.0.0.1:11434)' })).toHaveProperty(
      'checked',
      true,
    )
    expect(fake.callsTo('ollama:checkNow')).toHaveLength(0)
  })

  it('adds a host with headers, and gives the focus back to "Add a host"', async () => {
    const { app, fake } = await settingsPage([])
    await app.user.click(screen.getByRole('button', { name: 'Add a host' }))
    const form = within(screen.getByRole('form', { name: 'Add a host' }))
    expect(document.activeElement).toBe(form.getByRole('textbox', { name: 'Address' }))
    await app.user.click(form.getByRole('button', { name: 'Add host' }))
    expect(form.getByRole('alert').textContent).toBe('Type the host’s address, for example http://192.168.1.20:11434.')
    await app.user.type(form.getByRole('textbox', { name: 'Address' }), 'http://10.1.1.1:11434')
    await app.user.type(form.getByRole('textbox', { name: 'Name (optional)' }), 'Lab')
    await app.user.type(form.getByRole('textbox', { name: 'Extra headers (optional)' }), 'Bearer abc')
    await app.user.click(form.getByRole('button', { name: 'Add host' }))
    expect(form.getByRole('alert').textContent).toMatch(/^Line 1 is not a header/)
    await app.user.clear(form.getByRole('textbox', { name: 'Extra headers (optional)' }))
    await app.user.type(form.getByRole('textbox', { name: 'Extra headers (optional)' }), 'Authorization: Bearer abc')
    await app.user.click(form.getByRole('button', { name: 'Add host' }))
    expect(fake.callsTo('hosts:save')).toEqual([
      { url: 'http://10.1.1.1:11434', name: 'Lab', headers: { Authorization: 'Bearer abc' } },
    ])
    expect(await hostGroup().findByRole('radio', { name: 'Lab (10.1.1.1:11434)' })).toBeTruthy()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add a host' }))
  })

  it('says whether header values are encrypted, as main reports it', async () => {
    for (const [encrypted, wording] of [
      [true, /encrypted with your system’s keychain/],
      [false, /a file only your user account can read \(not encrypted\)/],
    ] as const) {
      const { app } = await settingsPage([], encrypted)
      await app.user.click(screen.getByRole('button', { name: 'Add a host' }))
      const headers = screen.getByRole('textbox', { name: 'Extra headers (optional)' })
      expect(document.getElementById(headers.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(wording)
      cleanup()
    }
  })

  it('shows the core’s refusal of an address', async () => {
    const { app, fake } = await settingsPage([])
    fake.handle('hosts:save', () => fail('INVALID_INPUT', 'That is not an http(s) address.'))
    await app.user.click(screen.getByRole('button', { name: 'Add a host' }))
    await app.user.type(screen.getByRole('textbox', { name: 'Address' }), 'ftp://nope{Enter}')
    expect((await screen.findByRole('alert')).textContent).toContain('That is not an http(s) address.')
  })

  it('edits a host, sending its headers only when they were touched', async () => {
    const { app, fake } = await settingsPage()
    await app.user.click(hostGroup().getByRole('button', { name: 'Edit Work GPU' }))
    const name = screen.getByRole('textbox', { name: 'Name (optional)' })
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Extra headers (optional)' }).placeholder).toBe(
      'Unchanged: Authorization',
    )
    await app.user.clear(name)
    await app.user.type(name, 'Big GPU{Enter}')
    expect(fake.callsTo('hosts:save')).toEqual([{ id: 'h1', url: work.url, name: 'Big GPU' }])
    const radio = await hostGroup().findByRole('radio', { name: 'Big GPU (192.168.1.20:11434)' })
    expect(document.activeElement).toBe(radio)

    await app.user.click(hostGroup().getByRole('button', { name: 'Edit Big GPU' }))
    await app.user.type(screen.getByRole('textbox', { name: 'Extra headers (optional)' }), 'X-Api-Key: k2')
    await app.user.click(screen.getByRole('button', { name: 'Save host' }))
    expect(fake.callsTo('hosts:save')[1]).toEqual({
      id: 'h1',
      url: work.url,
      name: 'Big GPU',
      headers: { 'X-Api-Key': 'k2' },
    })

    await app.user.click(await hostGroup().findByRole('button', { name: 'Edit Big GPU' }))
    await app.user.click(screen.getByRole('button', { name: 'Remove the saved headers' }))
    await app.user.click(screen.getByRole('button', { name: 'Save host' }))
    expect(fake.callsTo('hosts:save')[2]).toEqual({ id: 'h1', url: work.url, name: 'Big GPU', headers: {} })
  })

  it('says a new address drops the saved headers while they are left untouched', async () => {
    const { app } = await settingsPage()
    await app.user.click(hostGroup().getByRole('button', { name: 'Edit Work GPU' }))
    const address = screen.getByRole('textbox', { name: 'Address' })
    const headers = screen.getByRole('textbox', { name: 'Extra headers (optional)' })
    const note = () => screen.queryByText(/^A new address drops the saved headers/)
    // The same address as main keeps it: a trailing slash or capitals are no new address.
    await app.user.type(address, '/')
    expect(note()).toBeNull()
    await app.user.clear(address)
    await app.user.type(address, 'HTTP://192.168.1.20:11434')
    expect(note()).toBeNull()
    await app.user.clear(address)
    await app.user.type(address, 'http://192.168.1.21:11434')
    expect(note()?.textContent).toBe(
      'A new address drops the saved headers (Authorization): they were meant for the old one. Type them again to keep them.',
    )
    expect(headers.getAttribute('aria-describedby')?.split(' ')).toContain(note()?.id)
    expect(
      document.getElementById(headers.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent,
    ).not.toMatch(/Leave this untouched/)
    await app.user.type(headers, 'Authorization: Bearer new')
    expect(note()).toBeNull()
  })

  it('removes a host after asking', async () => {
    const { app, fake } = await settingsPage()
    await app.user.click(hostGroup().getByRole('button', { name: 'Remove Work GPU' }))
    const dialog = within(screen.getByRole('dialog', { name: 'Remove Work GPU?' }))
    expect(dialog.getByText(/ollmchat forgets its address and its headers\. Conversations stay\./)).toBeTruthy()
    await app.user.click(dialog.getByRole('button', { name: 'Remove' }))
    expect(fake.callsTo('hosts:remove')).toEqual([{ id: 'h1' }])
    await waitFor(() => expect(hostGroup().queryByRole('radio', { name: /Work GPU/ })).toBeNull())
  })

  it('waits for main, not for the new host’s check: a switch frees the radios, a removal closes its dialog', async () => {
    const { app, fake } = await settingsPage()
    // An unreachable host takes up to 5 s to say so; here its check never ends.
    fake.handle('ollama:checkNow', () => new Promise<never>(() => {}))
    await app.user.click(hostGroup().getByRole('radio', { name: 'Work GPU (192.168.1.20:11434)' }))
    await waitFor(() => expect(hostGroup().getByRole('radio', { name: /^Default/ })).toHaveProperty('disabled', false))
    expect(fake.callsTo('ollama:checkNow')).toHaveLength(1)
    await app.user.click(hostGroup().getByRole('button', { name: 'Remove Work GPU' }))
    await app.user.click(
      within(screen.getByRole('dialog', { name: 'Remove Work GPU?' })).getByRole('button', { name: 'Remove' }),
    )
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    // The default took over, and its check was asked for all the same.
    expect(fake.callsTo('ollama:checkNow')).toHaveLength(2)
  })

  it('checks every host and says what each answered, a too-old Ollama with the reason', async () => {
    const { app, fake } = await settingsPage()
    fake.handle('hosts:check', () =>
      ok({
        hosts: [
          {
            hostId: 'default',
            url: 'http://127.0.0.1:11434',
            state: 'reachable',
            version: '0.6.2',
            tooOld: null,
            error: null,
          },
          {
            hostId: 'h1',
            url: work.url,
            state: 'reachable',
            version: '0.4.0',
            tooOld: 'ollmchat needs Ollama 0.5.5 or newer to run a model with the context you set.',
            error: null,
          },
          {
            hostId: 'h2',
            url: lab.url,
            state: 'unreachable',
            version: null,
            tooOld: null,
            error: { code: 'OLLAMA_UNREACHABLE', message: 'Nothing answered at http://10.0.0.5:11434.' },
          },
        ],
      }),
    )
    await app.user.click(screen.getByRole('button', { name: 'Check hosts' }))
    const list = within(await screen.findByRole('list', { name: 'What each host answered' }))
    expect(list.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Default (127.0.0.1:11434): reachable, Ollama 0.6.2',
      'Work GPU: reachable, Ollama 0.4.0, too old: ollmchat needs Ollama 0.5.5 or newer to run a model with the context you set.',
      '10.0.0.5:11434: not reachable — Nothing answered at http://10.0.0.5:11434.',
    ])
  })
})

describe('temporary-model settings', () => {
  it('keeps the limit within its range and saves a valid one', async () => {
    const { app, fake } = await settingsPage([])
    const field = screen.getByRole<HTMLInputElement>('spinbutton', { name: 'Temporary models per host' })
    expect(field.value).toBe('8')
    expect(field.min).toBe('1')
    expect(field.max).toBe('64')
    expect(document.getElementById(field.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent).toBe(
      'At most this many temporary models per host; the least recently used unused one is removed first.',
    )
    await app.user.clear(field)
    await app.user.type(field, '65')
    await app.user.tab()
    expect(screen.getByRole('alert').textContent).toBe('Type a whole number from 1 to 64.')
    await app.user.clear(field)
    await app.user.type(field, '12{Enter}')
    expect(fake.callsTo('settings:update')).toEqual([{ tempModelLimit: 12 }])
  })

  it('says when a temporary model is prepared only when asked to', async () => {
    const { app, fake } = await settingsPage([])
    const event = { name: 'ollmchat-temp/llama3-oc16384:latest', baseModel: 'llama3:latest', numCtx: 16384 }
    app.emit('tempModels:created', event)
    expect(screen.queryByText(/^Prepared/)).toBeNull()
    const box = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Say when ollmchat prepares a temporary model' })
    expect(box.checked).toBe(false)
    await app.user.click(box)
    expect(fake.callsTo('settings:update')).toEqual([{ notifyTempModelCreated: true }])
    app.emit('tempModels:created', event)
    expect(screen.getByText('Prepared llama3 with a 16K context (ollmchat-temp/llama3-oc16384)')).toBeTruthy()
  })
})
