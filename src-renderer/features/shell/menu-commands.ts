import type { Bridge } from '../../../src-shared/ipc/bridge'
import type { MenuCommand } from '../../../src-shared/types'
import type { AppStore } from '../../store/types'
import { runWindowCommand } from './use-global-shortcuts'

/**
 * The desktop app's menu (New chat, Search, Settings) runs the same actions as the window's shortcuts: main sends
 * each choice as one `app:menuCommand` event. A command that arrives while `booting` (the start-up load) runs waits
 * for it: the menu can open a closed window and send at once (macOS), and start-up would otherwise reopen the last
 * conversation over a new chat, or the search field would not be there yet. Returns the function that stops
 * listening.
 */
export function connectMenuCommands(store: AppStore, bridge: Bridge, booting?: Promise<void>): () => void {
  let booted = booting === undefined
  let waiting: MenuCommand[] = []
  let connected = true
  void booting?.then(() => {
    booted = true
    const commands = waiting
    waiting = []
    if (connected) for (const command of commands) runWindowCommand(store, command)
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
