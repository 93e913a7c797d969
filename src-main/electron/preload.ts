/**
 * The sandboxed preload: exposes `window.ollmchat` (one function per contract channel, plus `on`) and nothing
 * else. Built as CommonJS because sandboxed preloads have no ESM loader; the only place `ipcRenderer` is used.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { BRIDGE_GLOBAL, createBridge } from '../../src-shared/ipc/bridge'
import type { Result } from '../../src-shared/ipc/result'

contextBridge.exposeInMainWorld(
  BRIDGE_GLOBAL,
  createBridge({
    call: (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>,
    listen: (event, listener) => {
      // A relay per subscription, so the page never sees Electron's event object (it carries `sender`).
      const relay = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
      ipcRenderer.on(event, relay)
      return () => {
        ipcRenderer.off(event, relay)
      }
    },
  }),
)
