// `npm run serve`: browser mode, in this one process. Builds the window first when out/renderer is missing
// (scripts/lib/renderer-build.mjs), then bundles the server (src-main/browser/cli.ts and the search worker, with
// esbuild, into out/serve: scripts/lib/server-bundle.mjs) and runs it here with the given flags (--port N,
// --data-dir DIR); OLLAMA_HOST and OLLMCHAT_DATA_DIR are read from the environment. Ctrl+C reaches this process
// directly (the terminal signals the whole foreground group), so nothing here forwards signals; the server stops on
// the first one (runUntilSignalled, src-main/browser/cli-runner.ts).
//
// The `launch:` marks time each step from the process start (performance.now()); cli.ts logs them at ready, and
// bench/start-and-bundle.ts reads them to say where start-up goes.
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { ensureRendererBuilt } from './lib/renderer-build.mjs'
import { bundleServerOrExit } from './lib/server-bundle.mjs'

performance.mark('launch:entry')
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const buildStarted = performance.now()
if (await ensureRendererBuilt(root)) performance.measure('launch:renderer-build', { start: buildStarted })
performance.mark('launch:renderer-checked')
const bundle = await bundleServerOrExit(root)
performance.mark('launch:server-bundled')
await import(pathToFileURL(bundle).href)
