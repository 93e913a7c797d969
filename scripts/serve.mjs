// `npm run serve`: browser mode, in this one process. Builds the window first when out/renderer is missing or
// older than its sources, then runs the server (src-main/browser/cli.ts, TypeScript through tsx's loader
// registered here) with the given flags (--port N, --data-dir DIR); OLLAMA_HOST and OLLMCHAT_DATA_DIR are read
// from the environment. Ctrl+C reaches this process directly (the terminal signals the whole foreground group,
// and npm passes its copy to the shell between it and this process, which does not pass it on), so nothing here
// forwards or filters signals.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'
import { ensureRendererBuilt } from './lib/renderer-build.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
await ensureRendererBuilt(root)
register()
await import('../src-main/browser/cli.ts')
