import { describe, expect, it } from 'vitest'
import { runStep } from './run-step.mjs'

const node = (code: string) => [process.execPath, ['-e', code]] as const
const options = { cwd: process.cwd(), env: process.env, timeoutMs: 30_000 }

describe('runStep', () => {
  it('reports success and keeps both output streams', async () => {
    const result = await runStep(...node('console.log("out"); console.error("err")'), options)
    expect(result).toMatchObject({ ok: true, code: 0, timedOut: false })
    expect(result.output).toContain('out')
    expect(result.output).toContain('err')
  })

  it('reports a failing exit code without rejecting', async () => {
    const result = await runStep(...node('process.exit(3)'), options)
    expect(result).toMatchObject({ ok: false, code: 3, timedOut: false })
  })

  it('reports a command that cannot start without rejecting', async () => {
    const result = await runStep('/nonexistent/tool', [], options)
    expect(result.ok).toBe(false)
    expect(result.output).toContain('ENOENT')
  })

  it('kills a step that outlives its deadline', async () => {
    const result = await runStep(...node('setInterval(() => {}, 1000)'), { ...options, timeoutMs: 300 })
    expect(result).toMatchObject({ ok: false, timedOut: true })
  })
})
