import type { Bridge } from '../src-shared/ipc/bridge'

declare global {
  interface Window {
    /** Defined by the Electron preload; absent in browser mode. */
    ollmchat?: Bridge
  }
}
