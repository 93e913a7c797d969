// The core a child-process fixture runs (kill-loop-core.ts, chat/test-fixtures/crash-after-request.ts): the real
// app core on a data folder against the Ollama at `ollamaHost`, set up as the browser mode sets it up, logging nowhere
// (the fixtures' stdout carries their protocol).
import { createCore } from '../../app-core'
import type { Core, CoreTiming } from '../../core-types'
import { silentLogger } from '../../log'
import { openFileSettingsStore } from '../../settings/file-settings-store'

export function createChildCore(dataDir: string, ollamaHost: string | undefined, timing?: Partial<CoreTiming>): Core {
  return createCore({
    dataDir,
    settings: openFileSettingsStore(dataDir, { log: silentLogger }),
    mode: 'browser',
    version: '0.0.0-test',
    env: { OLLAMA_HOST: ollamaHost },
    log: silentLogger,
    ...(timing === undefined ? {} : { timing }),
  })
}
