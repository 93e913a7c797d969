// `npm run serve`: browser mode, in this one process. Builds the window first when out/renderer is missing or
// older than its sources, then runs the server (src-main/browser/cli.ts, TypeScript through tsx's loader
// registered here) with the given flags (--port N, --data-dir DIR); OLLAMA_HOST and OLLMCHAT_DATA_DIR are read
// from the environment. Ctrl+C reaches this process directly (the terminal signals the whole foreground group),
// so nothing here forwards signals. Under `npm run` it may arrive twice: with dash as the script shell (Debian's
// /bin/sh) npm's forwarded copy stops at the shell, but bash (macOS's /bin/sh) execs node, so npm's copy lands here
// too, about half a millisecond later; runUntilSignalled (src-main/browser/cli-runner.ts) counts it as the same
// keypress.
//
// The `launch:` marks time each step from the process start (performance.now()); cli.ts logs them at ready, and
// bench/start-and-bundle.ts reads them to say where start-up goes.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureRendererBuilt } from './lib/renderer-build.mjs'

performance.mark('launch:entry')
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const buildStarted = performance.now()
if (await ensureRendererBuilt(root)) performance.measure('launch:renderer-build', { start: buildStarted })
performance.mark('launch:renderer-checked')
// Loaded here, not as a static import, so its own cost shows apart from node's start.
const { register } = await import('tsx/esm/api')
register()
performance.mark('launch:tsx-registered')
await import('../src-main/browser/cli.ts')
