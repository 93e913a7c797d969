import type { Bridge } from '../../../src-shared/ipc/bridge'
import type { MenuCommand } from '../../../src-shared/types'
import { reportError } from '../../lib/report-error'
import type { AppStore } from '../../store/types'
import { runWindowCommand } from './use-global-shortcuts'

/**
 * The desktop app's menu (New chat, Search, Settings) runs the same actions as the window's shortcuts: main sends
 * each choice as one `app:menuCommand` event. A command that arrives while `booting` (the start-up load) runs waits
 * for it: the menu can open a closed window and send at once (macOS), and start-up would otherwise reopen the last
 * conversation over a new chat, or the search field would not be there yet. A start-up that rejects (`bootApp` is
 * meant never to; a bug could) releases them too, and is reported: the menu must not go dead for the window's life.
 * Returns the function that stops listening.
 */
export function connectMenuCommands(store: AppStore, bridge: Bridge, booting?: Promise<void>): () => void {
  let booted = booting === undefined
  let waiting: MenuCommand[] = []
  let connected = true
  const runWaiting = () => {
    booted = true
    const commands = waiting
    waiting = []
    if (connected) for (const command of commands) runWindowCommand(store, command)
  }
  void booting?.then(runWaiting, (error: unknown) => {
    reportError('start-up failed', error)
    runWaiting()
  })
  const stopListening = bridge.on('app:menuCommand', ({ command }) => {
    if (booted) runWindowCommand(store, command)
    else waiting.push(command)
  })
  return () => {
    connected = false
    stopListening()
  }
}
