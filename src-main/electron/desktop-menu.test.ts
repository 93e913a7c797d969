import { describe, expect, it } from 'vitest'
import { fail, ok } from '../../src-shared/ipc/result'
import type { OllamaStatus } from '../../src-shared/types'
import { createMemoryLogger } from '../core/log'
import { createFakeCore } from '../test-support/fake-core'
import { FakeWindow } from '../test-support/fake-electron'
import { FakeShell } from '../test-support/fake-electron-app'
import { desktopMenuActions, type DesktopMenuDeps } from './desktop-menu'

/** Text that must never leave the app through a menu action: what a conversation might hold. */
const CHAT_TEXT = 'my bank password is hunter2'

const status = (version: string | null): OllamaStatus => ({
  state: version === null ? 'unreachable' : 'reachable',
  host: `http://user:${encodeURIComponent(CHAT_TEXT)}@127.0.0.1:11434`,
  version,
  error: version === null ? { code: 'OLLAMA_UNREACHABLE', message: CHAT_TEXT } : null,
  tooOld: null,
  checkedAt: new Date(0).toISOString(),
})

function setup(version: string | null = '0.12.3') {
  // A core that answers every request with chat content, so anything it says that leaks into a report is caught.
  const core = createFakeCore({
    dispatch: async (channel) =>
      channel === 'ollama:getStatus' ? ok(status(version)) : channel === 'app:openLogFolder' ? ok({ opened: true }) : fail('INTERNAL', CHAT_TEXT),
  })
  const shell = new FakeShell()
  const boxes: unknown[] = []
  const window = new FakeWindow({})
  const deps: DesktopMenuDeps = {
    setApplicationMenu: () => {},
    platform: 'linux',
    isDevelopment: false,
    appVersion: '1.2.3',
    electronVersion: '41.7.1',
    os: 'linux 6.8.0 (x64)',
    shell,
    dialog: { showMessageBox: async (options) => void boxes.push(options) },
    log: createMemoryLogger(),
    core: () => core,
    window: () => window,
  }
  return { actions: desktopMenuActions(deps), core, shell, boxes, window }
}

describe('the menu’s actions', () => {
  it('About shows the app’s version and the Ollama version from the core’s status', async () => {
    const { actions, boxes } = setup('0.12.3')
    await actions.showAbout()
    expect(boxes).toEqual([expect.objectContaining({ title: 'About ollmchat', detail: 'Version 1.2.3\nOllama 0.12.3' })])
    const down = setup(null)
    await down.actions.showAbout()
    expect(down.boxes).toEqual([expect.objectContaining({ detail: 'Version 1.2.3\nOllama is not reachable right now.' })])
  })

  it('Open log folder asks the core, as the window’s own link does', async () => {
    const { actions, core } = setup()
    await actions.openLogFolder()
    expect(core.dispatched).toEqual([{ channel: 'app:openLogFolder', input: {} }])
  })

  it('Report a problem opens a prefilled issue with the versions and no chat content or host', async () => {
    const { actions, shell } = setup('0.12.3')
    await actions.reportProblem()
    expect(shell.opened).toHaveLength(1)
    const url = shell.opened[0] ?? ''
    const body = new URL(url).searchParams.get('body') ?? ''
    expect(body).toContain('- Ollama: 0.12.3')
    expect(body).toContain('- ollmchat: 1.2.3')
    for (const text of [url, decodeURIComponent(url), body]) {
      expect(text).not.toContain('hunter2')
      expect(text).not.toContain('127.0.0.1')
    }
  })

  it('sends a window action to the window as one app:menuCommand event, and not to a closed window', () => {
    const { actions, window } = setup()
    actions.sendToWindow('search')
    expect(window.webContents.sent).toEqual([{ channel: 'app:menuCommand', args: [{ command: 'search' }] }])
    window.close()
    expect(() => actions.sendToWindow('newChat')).not.toThrow()
  })
})
