import { createBridge, type Bridge } from '../../src-shared/ipc/bridge'
import { createHttpTransport } from './http-transport'

/** The preload's `window.ollmchat` inside Electron; otherwise browser mode's HTTP bridge. */
export function getBridge(): Bridge {
  return window.ollmchat ?? createBridge(createHttpTransport())
}
