// `npm run serve`: browser mode. Builds the renderer if needed, then runs the server with the given flags
// (--port N, --data-dir DIR); OLLAMA_HOST and OLLMCHAT_DATA_DIR are read from the environment.
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureRendererBuilt } from './lib/renderer-build.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
ensureRendererBuilt(root)
const tsx = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx')
const child = spawn(tsx, [join(root, 'src-main', 'browser', 'cli.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
