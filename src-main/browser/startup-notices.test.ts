import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppInfo } from '../../src-shared/types'
import { openHistoryStore } from '../core/history/history-store'
import { silentLogger } from '../core/log'
import { runBrowserMode, type BrowserMode } from './run-browser-mode'

let dataDir: string
const historyFile = () => join(dataDir, 'history.sqlite')

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'ollmchat-notices-'))
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

const start = () =>
  runBrowserMode({
    dataDir,
    rendererDir: dataDir,
    version: '0.0.0-test',
    log: silentLogger,
    port: 0,
    env: { OLLAMA_HOST: 'http://127.0.0.1:1' },
  })

async function infoOf(mode: BrowserMode): Promise<AppInfo> {
  const result = await mode.core.dispatch('app:getInfo', {})
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

/** A history with enough rows to span many pages, closed cleanly (checkpointed into the main file). */
function writeHistory(conversations: number): void {
  const store = openHistoryStore({ file: historyFile() })
  for (let n = 0; n < conversations; n++) {
    const conversation = store.createConversation({ model: 'llama3', title: `Conversation ${n}` })
    for (let m = 0; m < 20; m++)
      store.appendMessage({
        conversationId: conversation.id,
        role: 'user',
        status: 'complete',
        content: `message ${m} of ${n} `.repeat(20),
      })
  }
  store.close()
}

/** Overwrites `pages` pages in the middle of the file with garbage, as a bad disk block or a torn copy would. */
function damageMiddle(file: string, pages: number): void {
  const fd = openSync(file, 'r+')
  try {
    const size = fstatSync(fd).size
    const garbage = Buffer.alloc(pages * 4096, 0xa5)
    writeSync(fd, garbage, 0, garbage.length, Math.floor(size / 2 / 4096) * 4096)
  } finally {
    closeSync(fd)
  }
}

describe('a damaged history file at start', () => {
  it('is moved aside, the window is told where it went, and a new history works', async () => {
    writeHistory(60)
    damageMiddle(historyFile(), 8)
    const damagedBytes = readFileSync(historyFile())
    const mode = await start()
    try {
      const backups = readdirSync(dataDir).filter((name) => /^history\.damaged-.+\.sqlite$/.test(name))
      expect(backups).toHaveLength(1)
      const backup = join(dataDir, backups[0] ?? '')
      // Moved untouched: the old file keeps every byte for a recovery tool.
      expect(readFileSync(backup).equals(damagedBytes)).toBe(true)
      const notices = (await infoOf(mode)).startupNotices ?? []
      expect(notices).toHaveLength(1)
      expect(notices[0]).toMatchObject({ title: 'The chat history was damaged', file: backup })
      expect(notices[0]?.message).toMatch(/moved it aside/)

      const created = await mode.core.dispatch('conversations:create', { model: 'llama3' })
      expect(created.ok).toBe(true)
      const list = await mode.core.dispatch('conversations:list', {})
      expect(list).toMatchObject({ ok: true })
      // What could be read was recovered into the new history (history/damaged-file.test.ts counts it), and it works.
      expect(notices[0]?.message).toMatch(/recovered \d+ conversations with [\d,]+ messages/)
      expect(list.ok && list.value.conversations.map((conversation) => conversation.id)).toContain(
        created.ok && created.value.id,
      )
      expect(list.ok && list.value.conversations.length).toBeGreaterThan(1)
    } finally {
      await mode.close()
    }
  })

  it('leaves a healthy history where it is, with its conversations and no notice', async () => {
    writeHistory(3)
    const mode = await start()
    try {
      expect(readdirSync(dataDir).filter((name) => name.includes('damaged'))).toEqual([])
      expect((await infoOf(mode)).startupNotices).toEqual([])
      const list = await mode.core.dispatch('conversations:list', {})
      expect(list.ok && list.value.conversations).toHaveLength(3)
    } finally {
      await mode.close()
    }
  })
})

describe('start-up errors', () => {
  it('name the history file and what to do when a folder stands where it should be', async () => {
    mkdirSync(historyFile())
    await expect(start()).rejects.toThrow(
      /history\.sqlite is a folder, not a file\. Move or rename that folder, then start ollmchat again\./,
    )
    expect(existsSync(historyFile())).toBe(true)
  })
})

describe('a repaired settings file', () => {
  it('is shown in the window with the backup it was kept as', async () => {
    writeFileSync(join(dataDir, 'settings.json'), '{"theme": "dark", ')
    const mode = await start()
    try {
      const notices = (await infoOf(mode)).startupNotices ?? []
      const backup = readdirSync(dataDir).find((name) => name.startsWith('settings.invalid-'))
      expect(backup).toBeDefined()
      expect(notices).toEqual([
        expect.objectContaining({ title: 'The settings file was repaired', file: join(dataDir, backup ?? '') }),
      ])
      expect(notices[0]?.message).toContain('None of its settings could be read')
    } finally {
      await mode.close()
    }
  })
})
