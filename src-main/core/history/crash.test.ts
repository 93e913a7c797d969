import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openHistoryStore } from './history-store'
import { storyAfter } from './test-fixtures/story'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const writer = fileURLToPath(new URL('./test-fixtures/crash-writer.ts', import.meta.url))
/** Enough checkpoints that the WAL has been auto-checkpointed and appended to many times. */
const KILL_AFTER = 400

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ollmchat-crash-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Runs the writer until it reports `KILL_AFTER` checkpoints, SIGKILLs it, and returns what it had reported. */
async function runAndKill(file: string): Promise<{ replyId: string; lastCheckpoint: number; signal: string | null }> {
  // `node --import tsx` rather than the tsx CLI: the CLI runs the script in a grandchild that SIGKILL would orphan.
  const child = spawn(process.execPath, ['--import', 'tsx', writer, file], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
  let replyId = ''
  let lastCheckpoint = 0
  for await (const line of createInterface({ input: child.stdout })) {
    const [kind, value = ''] = line.split(' ')
    if (kind === 'reply') replyId = value
    if (kind === 'checkpoint') lastCheckpoint = Number(value)
    if (lastCheckpoint >= KILL_AFTER && child.exitCode === null) child.kill('SIGKILL')
  }
  const signal = await exited
  if (replyId === '') throw new Error(`the crash writer did not start: ${stderr}`)
  return { replyId, lastCheckpoint, signal }
}

describe('crash safety', () => {
  it('reopens cleanly after the writer is killed mid-stream, with the last checkpoint saved', async () => {
    const file = join(dir, 'history.sqlite')
    const { replyId, lastCheckpoint, signal } = await runAndKill(file)
    expect(signal).toBe('SIGKILL')
    expect(lastCheckpoint).toBeGreaterThanOrEqual(KILL_AFTER)
    // Nobody closed the database, so the log was never merged back: reopening has to recover from it.
    expect(existsSync(`${file}-wal`)).toBe(true)

    const raw = new Database(file)
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(() =>
      raw.prepare("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)").run(),
    ).not.toThrow()
    raw.close()

    const store = openHistoryStore({ file })
    const reply = store.getMessage(replyId)
    const savedCheckpoints = reply?.content.split(' ').length ?? 0
    // The writer may have committed a few more checkpoints after the last line the test read, never fewer.
    expect(savedCheckpoints).toBeGreaterThanOrEqual(lastCheckpoint)
    expect(reply?.content).toBe(storyAfter(savedCheckpoints))
    expect(reply?.status).toBe('streaming')

    expect(store.markInterrupted()).toBe(1)
    expect(store.getMessage(replyId)).toMatchObject({ status: 'interrupted', content: storyAfter(savedCheckpoints) })
    expect((await store.search({ query: `w${lastCheckpoint}` })).hits.map((hit) => hit.messageId)).toContain(replyId)
    const [conversation] = store.listConversations()
    expect(conversation).toMatchObject({ title: 'Crash test', messageCount: 2 })
    store.close()
  })
})
