// The kill loop (issue 12): the real core in its own process, streaming a reply from the Ollama simulator over a real
// socket, is SIGKILLed at a different point of the reply each time and started again on the same data folder.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../../src-shared/types'
import { startOllamaSim, type OllamaSim } from '../../../tools/ollama-sim/index'
import { recordReliability } from '../../test-support/reliability-record'
import { startCoreProcess, type CoreProcess } from './test-fixtures/core-process'

/** Kills: the first right as the reply starts (before any text), then ever later into the reply. */
const KILLS = 12
/** Characters of reply text streamed before each kill after the first. */
const KILL_STEP = 170
const REPLY = Array.from({ length: 320 }, (_, index) => `word${index}`).join(' ')

let sim: OllamaSim
let dataDir: string
beforeAll(async () => {
  sim = await startOllamaSim({ models: ['llama3'], tokenDelayMs: 1, reply: REPLY })
  dataDir = mkdtempSync(join(tmpdir(), 'ollmchat-kill-loop-'))
})
afterAll(async () => {
  await sim.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const questionOf = (round: number) => `Question ${round}`

async function ok<T>(pending: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const result = await pending
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

/** What was left of the reply a kill cut: no row, its row with no text yet, a saved beginning, or all of it. */
type CutReply = 'dropped' | 'empty' | 'partial' | 'complete'

/** The file as the killed process left it, before anything opens it to write: SQLite finds nothing wrong. */
function expectSoundFile(): void {
  const db = new Database(join(dataDir, 'history.sqlite'), { readonly: true })
  try {
    expect(db.pragma('quick_check', { simple: true })).toBe('ok')
  } finally {
    db.close()
  }
}

/**
 * After the kill of `round`: every conversation opens, every question asked so far is on the path, and the reply that
 * was cut is either missing or a saved beginning of the reply, marked interrupted (never a damaged or foreign text).
 */
async function expectIntactAfterKill(core: CoreProcess, conversationId: string, round: number): Promise<CutReply> {
  const { conversations } = await ok(core.request('conversations:list', {}))
  for (const conversation of conversations)
    await ok(core.request('conversations:get', { conversationId: conversation.id }))
  const { messages } = await ok(core.request('conversations:get', { conversationId, limit: 500 }))
  messages.forEach((message, index) => expect(message.parentId).toBe(index === 0 ? null : messages[index - 1]?.id))
  const questions = messages.filter((message) => message.role === 'user')
  expect(questions.map((message) => [message.content, message.status])).toEqual(
    Array.from({ length: round + 1 }, (_, index) => [questionOf(index), 'complete']),
  )
  const afterLast = messages.slice(messages.indexOf(questions.at(-1) as ChatMessage) + 1)
  expect(afterLast.length).toBeLessThanOrEqual(1)
  const cut = afterLast[0]
  if (cut === undefined) return 'dropped'
  expect(cut.role).toBe('assistant')
  expect(REPLY.startsWith(cut.content)).toBe(true)
  expect(cut.status).toBe(cut.content === REPLY ? 'complete' : 'interrupted')
  return cut.content === '' ? 'empty' : cut.content === REPLY ? 'complete' : 'partial'
}

describe('the kill loop', () => {
  it(
    `keeps the history whole through ${KILLS} SIGKILLs mid-reply, each followed by a restart on the same data`,
    { timeout: 90_000 },
    async () => {
      recordReliability({ topic: 'Kill loop', check: 'SIGKILL mid-reply, then restart on the same data', cases: KILLS })
      let conversationId = ''
      const cuts: CutReply[] = []
      for (let round = 0; round < KILLS; round++) {
        const core = await startCoreProcess(dataDir, sim.url)
        if (round === 0) conversationId = (await ok(core.request('conversations:create', { model: 'llama3' }))).id
        else cuts.push(await expectIntactAfterKill(core, conversationId, round - 1))
        // A new message can be sent after every restart: this round's question.
        void core.request('chat:send', { requestId: `round-${round}`, conversationId, text: questionOf(round) })
        await core.progress((line) =>
          round === 0 ? line.event === 'chat:started' : (line.streamed ?? 0) >= round * KILL_STEP,
        )
        await core.kill()
        expectSoundFile()
      }

      const core = await startCoreProcess(dataDir, sim.url)
      try {
        cuts.push(await expectIntactAfterKill(core, conversationId, KILLS - 1))
        // The kills did land mid-reply: the first before any text, most of the others after some was saved.
        expect(cuts[0]).not.toBe('partial')
        expect(cuts.filter((cut) => cut === 'partial').length).toBeGreaterThanOrEqual(KILLS / 2)
        const turn = await ok(
          core.request('chat:send', { requestId: 'after-the-loop', conversationId, text: 'One more' }),
        )
        expect(turn.assistantMessage).toMatchObject({ status: 'complete', content: REPLY })
      } finally {
        await core.kill()
      }
    },
  )
})
