import type { Bridge } from '../../../src-shared/ipc/bridge'
import type { AppStore } from '../../store/types'
import { runWindowCommand } from './use-global-shortcuts'

/**
 * The desktop app's menu (New chat, Search, Settings) runs the same actions as the window's shortcuts: main sends
 * each choice as one `app:menuCommand` event. Returns the function that stops listening.
 */
export function connectMenuCommands(store: AppStore, bridge: Bridge): () => void {
  return bridge.on('app:menuCommand', ({ command }) => runWindowCommand(store, command))
}
