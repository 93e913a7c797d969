import { spawn } from 'node:child_process'
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

const cliPath = fileURLToPath(new URL('./cli.ts', import.meta.url))
const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
let child: ChildProcessWithoutNullStreams | undefined

afterEach(() => {
  if (child !== undefined && child.exitCode === null) child.kill('SIGKILL')
  child = undefined
})

function start(args: string[]): {
  proc: ChildProcessWithoutNullStreams
  output: () => string
  waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>
} {
  const proc = spawn(process.execPath, ['--import', 'tsx', cliPath, ...args], { cwd: repoRoot })
  child = proc
  let out = ''
  const waiters: (() => void)[] = []
  proc.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString()
    for (const wake of waiters.splice(0)) wake()
  })
  proc.stderr.on('data', (chunk: Buffer) => {
    out += chunk.toString()
  })
  const waitFor = async (pattern: RegExp) => {
    for (;;) {
      const match = pattern.exec(out)
      if (match !== null) return match
      if (proc.exitCode !== null) throw new Error(`cli exited early: ${out}`)
      await new Promise<void>((resolve) => {
        waiters.push(resolve)
        setTimeout(resolve, 100)
      })
    }
  }
  return { proc, output: () => out, waitFor }
}

const exitOf = (proc: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((resolve) => {
    if (proc.exitCode !== null) resolve(proc.exitCode)
    else proc.on('exit', (code) => resolve(code))
  })

describe('cli', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('serves, logs one line per request and exits 0 on %s', async (signal) => {
    const { proc, output, waitFor } = start(['--port', '0', '--models', 'llama3,qwen3:8b', '--token-delay', '0'])
    const [, url] = await waitFor(/Ollama simulator listening on (http:\/\/127\.0\.0\.1:\d+)\n/)
    const response = await fetch(`${url}/api/tags`)
    const body = (await response.json()) as { models: { name: string }[] }
    expect(body.models.map((m) => m.name)).toEqual(['llama3:latest', 'qwen3:8b'])
    await waitFor(/GET\s+\/api\/tags/)
    proc.kill(signal)
    expect(await exitOf(proc)).toBe(0)
    expect(output()).toContain(`Received ${signal}`)
  })

  it('reports the automatic context of the simulated hardware and serves it', async () => {
    const { proc, waitFor } = start([
      '--port',
      '0',
      '--models',
      'llama3.1:8b',
      '--gpu-memory',
      '24G',
      '--cloud',
      'disabled',
    ])
    const [, url] = await waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)\n/)
    await waitFor(/Default context: 32768 \(automatic, 24 GiB VRAM\); RAM 32 GiB; cloud disabled\n/)
    await fetch(`${url}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model: 'llama3.1:8b', messages: [], stream: false }),
    })
    const ps = (await (await fetch(`${url}/api/ps`)).json()) as { models: { context_length: number }[] }
    expect(ps.models.map((m) => m.context_length)).toEqual([32768])
    proc.kill('SIGTERM')
    expect(await exitOf(proc)).toBe(0)
  })

  it('serves behind the stand-in proxy and offline, naming the header but never printing its value', async () => {
    const args = [
      '--port',
      '0',
      '--models',
      'llama3',
      '--registry',
      'offline',
      '--require-header',
      'Authorization: Bearer hush-hush',
    ]
    const { proc, output, waitFor } = start(args)
    const [, url] = await waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)\n/)
    await waitFor(/registry offline; pulls at 2000 MB\/s; disk free unlimited\n/)
    await waitFor(/requiring: Authorization\n/)
    expect((await fetch(`${url}/api/tags`)).status).toBe(401)
    const headers = { Authorization: 'Bearer hush-hush' }
    const pull = await fetch(`${url}/api/pull`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ model: 'qwen3:8b', stream: false }),
    })
    expect(pull.status).toBe(500)
    expect(((await pull.json()) as { error: string }).error).toContain(
      'dial tcp: lookup registry.ollama.ai: no such host',
    )
    await waitFor(/POST\s+\/api\/pull/)
    proc.kill('SIGTERM')
    expect(await exitOf(proc)).toBe(0)
    expect(output()).not.toContain('hush-hush')
  })

  it('exits 2 with usage on a bad flag', async () => {
    const { proc, output } = start(['--nope'])
    expect(await exitOf(proc)).toBe(2)
    expect(output()).toContain('unknown option --nope')
    expect(output()).toContain('Usage:')
  })
})
