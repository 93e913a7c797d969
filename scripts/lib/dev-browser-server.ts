// The browser mode for development: the real core's API (`/rpc/…`, `/events`) and the page from Vite's dev server
// with hot reload, on one address. Vite runs in middleware mode behind the browser-mode server, so the session
// token, the cookie and the loopback checks are the ones `npm run serve` has; its hot-reload websocket listens on a
// port of its own (the dev-only CSP allows loopback websockets, src-shared/content-security-policy.ts).
import { readFileSync } from 'node:fs'
import { createServer as createNetServer } from 'node:net'
import { join } from 'node:path'
import { createServer as createViteServer } from 'vite'
import { runBrowserMode } from '../../src-main/browser/run-browser-mode'
import { createConsoleLogger, type Logger } from '../../src-main/core/log'

export interface DevBrowserServerOptions {
  root: string
  dataDir: string
  /** 0 picks a free port. */
  port: number
  /** The console by default. */
  log?: Logger
  /** Where OLLAMA_HOST is read; the process's environment by default. */
  env?: Record<string, string | undefined>
  /** Fixed session token (tests). */
  token?: string
}

/** A free loopback port for Vite's websocket (asked of the OS, then released for Vite to take). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      )
    })
  })
}

/** Starts Vite (src-renderer, with vite.config.ts) and the browser-mode server in front of it. */
export async function startDevBrowserServer(options: DevBrowserServerOptions) {
  const vite = await createViteServer({
    configFile: join(options.root, 'vite.config.ts'),
    appType: 'spa',
    server: { middlewareMode: true, hmr: { host: '127.0.0.1', port: await freePort() } },
    ...(options.log ? { logLevel: 'silent' as const } : {}),
  })
  const { version } = JSON.parse(readFileSync(join(options.root, 'package.json'), 'utf8')) as { version: string }
  try {
    const mode = await runBrowserMode({
      dataDir: options.dataDir,
      rendererDir: join(options.root, 'out', 'renderer'),
      version: `${version}-dev`,
      log: options.log ?? createConsoleLogger(),
      port: options.port,
      ...(options.env ? { env: options.env } : {}),
      ...(options.token ? { token: options.token } : {}),
      servePage: (request, response) =>
        vite.middlewares(request, response, () => {
          response.statusCode = 404
          response.end('Not found.')
        }),
    })
    return { mode, close: () => mode.close().finally(() => vite.close()) }
  } catch (error) {
    await vite.close()
    throw error
  }
}
