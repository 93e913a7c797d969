// `npm run serve`, `node scripts/serve.mjs` and `npm run demo` as a person runs them: one process that prints the
// address and stops cleanly on the first Ctrl+C or SIGTERM. Linux only (reads /proc to see the process tree).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const dirs: string[] = []
const ollamaStandIns: Server[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  for (const server of ollamaStandIns.splice(0)) server.close()
})

/** Every process whose parent is `pid`, with its command line. */
function childrenOf(pid: number): { pid: number; argv: string[] }[] {
  const children: { pid: number; argv: string[] }[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (parent === pid)
        children.push({
          pid: Number(entry),
          argv: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean),
        })
    } catch {
      // The process ended while being read.
    }
  }
  return children
}

const descendantsOf = (pid: number): { pid: number; argv: string[] }[] =>
  childrenOf(pid).flatMap((child) => [child, ...descendantsOf(child.pid)])

const isNode = (argv: string[]) => /(^|\/)node$/.test(argv[0] ?? '')

/** Starts `command` in its own process group (as a terminal runs a foreground job) and waits for the address. */
async function launch(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; output: () => string; exited: Promise<number | null> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ollmchat-serve-'))
  dirs.push(dataDir)
  const child = spawn(command, [...args, '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Nothing listens there: the window would say Ollama is unreachable, which is all this test needs.
    env: { ...process.env, OLLAMA_HOST: 'http://127.0.0.1:1', ...env },
  })
  let output = ''
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      if (/http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(output)) resolve()
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    void exited.then((code) => reject(new Error(`exited with ${code} before printing an address:\n${output}`)))
  })
  return { child, output: () => output, exited }
}

/**
 * An Ollama that accepts connections and never answers (a stalled machine): a call in flight at stop keeps the core
 * closing for its whole grace period (2 s, `shutdownGraceMs`). Resolves the address and a promise of the first call.
 */
async function stalledOllama(): Promise<{ host: string; called: Promise<void> }> {
  const held: Socket[] = []
  let firstCall: () => void = () => {}
  const called = new Promise<void>((resolve) => (firstCall = resolve))
  const server = createServer((socket) => {
    held.push(socket)
    firstCall()
  })
  server.on('close', () => held.forEach((socket) => socket.destroy()))
  ollamaStandIns.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no TCP address')
  return { host: `http://127.0.0.1:${address.port}`, called }
}

const processGone = async (pid: number) => {
  while (existsPid(pid)) await new Promise((resolve) => setTimeout(resolve, 50))
}
const existsPid = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe.skipIf(process.platform !== 'linux')('the browser-mode entry', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'runs in one process (no child node process) and exits 0 on %s',
    async (signal) => {
      const { child, output, exited } = await launch(process.execPath, ['scripts/serve.mjs'])
      expect(descendantsOf(child.pid ?? 0).filter((p) => isNode(p.argv))).toEqual([])
      process.kill(child.pid ?? 0, signal)
      expect(await exited).toBe(0)
      expect(output().match(/stopping…/g)).toHaveLength(1)
    },
    60_000,
  )

  it('serves the window and answers a history search from the bundled search worker (out/serve)', async () => {
    const { child, output, exited } = await launch(process.execPath, ['scripts/serve.mjs'])
    const address = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/.exec(output())
    const [origin, token] = [address?.[1] ?? '', address?.[2] ?? '']
    const opened = await fetch(`${origin}/?token=${token}`, { redirect: 'manual' })
    const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const page = await fetch(`${origin}/`, { headers: { cookie } })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="root">')
    const search = await fetch(`${origin}/rpc/conversations:search`, {
      method: 'POST',
      headers: { cookie, 'x-ollmchat': '1', 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'hello world' }),
    })
    // A missing worker beside the bundle would answer ok: false (SearchFailedError: "The search worker is missing").
    expect(await search.json()).toMatchObject({ ok: true, value: { hits: [] } })
    process.kill(child.pid ?? 0, 'SIGTERM')
    expect(await exited).toBe(0)
  }, 60_000)

  it("exits 1 with esbuild's message (file and line) when a source does not compile", () => {
    const dir = mkdtempSync(join(tmpdir(), 'ollmchat-bundle-'))
    dirs.push(dir)
    writeFileSync(join(dir, 'broken.ts'), 'export const answer = (1 +\n')
    const run = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { bundleServerOrExit } from './scripts/lib/server-bundle.mjs'
await bundleServerOrExit(process.cwd(), { entries: { cli: ${JSON.stringify(join(dir, 'broken.ts'))} }, outdir: ${JSON.stringify(join(dir, 'out'))} })
console.log('built')`,
      ],
      { cwd: root, encoding: 'utf8' },
    )
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/broken\.ts:\d+:\d+/)
    expect(run.stderr).toContain('could not build the browser-mode server')
    expect(run.stdout).not.toContain('built')
  })

  it('under `npm run serve`, one Ctrl+C to the whole terminal job stops the server once and cleanly', async () => {
    const { child, output } = await launch('npm', ['run', '-s', 'serve', '--'])
    const servers = descendantsOf(child.pid ?? 0).filter((p) => isNode(p.argv))
    expect(servers.map((p) => p.argv.slice(1, 2))).toEqual([[join('scripts', 'serve.mjs')]])
    const server = servers[0]?.pid ?? 0
    expect(descendantsOf(server).filter((p) => isNode(p.argv))).toEqual([])
    // What the terminal does on Ctrl+C: SIGINT to every process of the foreground group (npm, its shell, node).
    process.kill(-(child.pid ?? 0), 'SIGINT')
    await processGone(server)
    expect(output().match(/stopping…/g)).toHaveLength(1)
    expect(output()).not.toContain('stopping failed')
  }, 60_000)

  it('under `npm run demo`, the demo runs in one node process with tsx registered in it, and one Ctrl+C stops it cleanly', async () => {
    // `tsx file.ts` would start a second node for the script and relay signals to it; `node --import tsx` does not.
    const { child, output } = await launch('npm', ['run', '-s', 'demo', '--'])
    const demos = descendantsOf(child.pid ?? 0).filter((p) => isNode(p.argv))
    expect(demos.map((p) => p.argv.slice(1, 4))).toEqual([['--import', 'tsx', join('scripts', 'demo.ts')]])
    const demo = demos[0]?.pid ?? 0
    expect(descendantsOf(demo).filter((p) => isNode(p.argv))).toEqual([])
    // What the terminal does on Ctrl+C: SIGINT to every process of the foreground group (npm, its shell, node).
    process.kill(-(child.pid ?? 0), 'SIGINT')
    await processGone(demo)
    expect(output().match(/stopping…/g)).toHaveLength(1)
    expect(output()).not.toContain('stopping failed')
  }, 60_000)

  it("under `npm run` with bash as the script shell (macOS's /bin/sh), npm's copy of Ctrl+C does not cut a slow stop short", async () => {
    // bash execs node, so the server gets the terminal's SIGINT and npm's forwarded copy about 0.5 ms apart; the stop
    // waits for a call to the stalled Ollama. A copy taken for a second keypress would exit 1 with the history open;
    // exit 0 comes only after the whole stop, the history's close included (runUntilSignalled, Core.stop).
    const ollama = await stalledOllama()
    const { child, output, exited } = await launch('npm', ['run', '-s', 'serve', '--'], {
      npm_config_script_shell: '/bin/bash',
      OLLAMA_HOST: ollama.host,
    })
    const servers = descendantsOf(child.pid ?? 0).filter((p) => isNode(p.argv))
    expect(servers.map((p) => p.argv.slice(1, 2))).toEqual([[join('scripts', 'serve.mjs')]])
    await ollama.called
    process.kill(-(child.pid ?? 0), 'SIGINT')
    // npm exits with the server's code (bash exec'd it: the server is npm's own child).
    expect(await exited).toBe(0)
    expect(output().match(/stopping…/g)).toHaveLength(1)
    expect(output()).not.toContain('stopping failed')
  }, 60_000)
})
