// What a crash right after the request to Ollama left keeps: the user's message is committed before the request is
// sent, and the reply's row only after it (`reply-row.ts`), so the crash costs an empty reply and nothing typed.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore } from '../app-core'
import { openHistoryStore } from '../history/history-store'
import { silentLogger } from '../log'
import { openFileSettingsStore } from '../settings/file-settings-store'
import { startOllamaSim, type OllamaSim } from '../../../tools/ollama-sim/index'
import { unwrap } from '../../test-support/core-harness'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const crasher = fileURLToPath(new URL('./test-fixtures/crash-after-request.ts', import.meta.url))
const TYPED = 'the question typed just before the crash'

let dir: string
let sim: OllamaSim
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ollmchat-crash-order-'))
  sim = await startOllamaSim({ models: ['llama3'] })
})
afterEach(async () => {
  await sim.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Runs the crashing core to its end; its stdout and the signal that ended it. */
async function runCrasher(): Promise<{ stdout: string; stderr: string; signal: string | null }> {
  // `node --import tsx` rather than the tsx CLI: the CLI runs the script in a grandchild.
  const child = spawn(process.execPath, ['--import', 'tsx', crasher, dir, TYPED], {
    cwd: repoRoot,
    env: { ...process.env, OLLAMA_HOST: sim.url },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const signal = await new Promise<string | null>((resolve) =>
    child.on('exit', (_code, exitSignal) => resolve(exitSignal)),
  )
  return { stdout, stderr, signal }
}

describe('a crash right after the request to Ollama left', () => {
  it('keeps the message the user typed, loses only the empty reply, and the conversation goes on', async () => {
    const { stdout, stderr, signal } = await runCrasher()
    expect(signal, stderr).toBe('SIGKILL')
    const conversationId = /conversation (\S+)/.exec(stdout)?.[1] ?? ''
    // The request did reach Ollama before the process died.
    expect(sim.requestsTo('/api/chat', 'POST').at(-1)?.body).toMatchObject({
      messages: [{ content: 'a first question' }, {}, { role: 'user', content: TYPED }],
    })

    const store = openHistoryStore({ file: join(dir, 'history.sqlite') })
    const [question, answer, typed, ...rest] = store.listMessages(conversationId)
    expect([question, answer].map((m) => [m?.role, m?.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ])
    expect(typed).toMatchObject({ role: 'user', content: TYPED, status: 'complete' })
    // The reply's row is written once the request has left, so the crash may come before or after it; if it exists
    // it is empty, and the next start marks it interrupted.
    expect(rest.map((m) => [m.role, m.content, m.status])).toEqual(
      rest.length === 0 ? [] : [['assistant', '', 'streaming']],
    )
    expect(store.markInterrupted()).toBe(rest.length)
    store.close()

    // The next start answers the saved question as it stands.
    const core = createCore({
      dataDir: dir,
      settings: openFileSettingsStore(dir, { log: silentLogger }),
      mode: 'browser',
      version: '0.0.0-test',
      env: { OLLAMA_HOST: sim.url },
      log: silentLogger,
    })
    try {
      sim.setReply('answered after the restart')
      const turn = unwrap(await core.dispatch('chat:regenerate', { requestId: 'again', conversationId }))
      expect(turn.userMessage).toBeNull()
      expect(turn.assistantMessage).toMatchObject({ status: 'complete', content: 'answered after the restart' })
      expect(sim.requestsTo('/api/chat', 'POST').at(-1)?.body).toMatchObject({
        messages: [{}, {}, { role: 'user', content: TYPED }],
      })
    } finally {
      await core.stop()
    }
  })
})
