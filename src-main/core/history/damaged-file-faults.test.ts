// Faults while a damaged history is moved aside and salvaged, injected through `openCheckedDatabase`'s seams: a rename
// that fails (Windows refuses one while another program holds the file) and a salvage that fails midway.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../log'
import { damagedHistoryNotice } from '../startup-notices'
import { openCheckedDatabase, type CheckedOpenOptions, type DamagedHistoryFile } from './damaged-file'
import { openHistoryStore } from './history-store'
import { salvageInto } from './salvage'
import { damagePages, writeHistory } from './test-fixtures/damage'

let dir: string
const historyFile = () => join(dir, 'history.sqlite')
const SUFFIXES = ['', '-wal', '-shm'] as const
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ollmchat-damaged-faults-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** A damaged history whose last commit is only in its WAL (copied while a connection was open, as after a kill). */
function damagedHistoryWithWal(): Record<(typeof SUFFIXES)[number], Buffer> {
  writeHistory(join(dir, 'live.sqlite'), 40)
  const live = new Database(join(dir, 'live.sqlite'))
  live.pragma('wal_autocheckpoint = 0')
  live.prepare("UPDATE conversations SET title = 'Renamed last' WHERE pk = (SELECT max(pk) FROM conversations)").run()
  for (const suffix of SUFFIXES) copyFileSync(join(dir, `live.sqlite${suffix}`), historyFile() + suffix)
  live.close()
  rmSync(join(dir, 'live.sqlite'))
  damagePages(historyFile(), 0.5, 6)
  const found = Object.fromEntries(SUFFIXES.map((suffix) => [suffix, readFileSync(historyFile() + suffix)]))
  expect(found['-wal']?.length).toBeGreaterThan(0)
  return found as Record<(typeof SUFFIXES)[number], Buffer>
}

function open(seams: Partial<CheckedOpenOptions> = {}): {
  db: Database.Database
  damaged: DamagedHistoryFile | undefined
} {
  let damaged: DamagedHistoryFile | undefined
  const db = openCheckedDatabase(
    { file: historyFile() },
    {
      now: () => new Date('2026-01-02T03:04:05Z'),
      onDamaged: (found) => (damaged = found),
      log: createMemoryLogger(),
      ...seams,
    },
  )
  return { db, damaged }
}

/** `renameSync`, except that renaming a file whose name ends with `failing` throws as Windows does for a held file. */
const renameFailingFor = (failing: (from: string) => boolean) => (from: string, to: string) => {
  if (failing(from))
    throw Object.assign(new Error(`EBUSY: resource busy or locked, rename '${from}' -> '${to}'`), { code: 'EBUSY' })
  renameSync(from, to)
}

describe('a damaged history that cannot be moved aside', () => {
  it('when the main file cannot be renamed, its -wal and -shm are put back, so the next start still has its last commits', () => {
    const found = damagedHistoryWithWal()

    expect(() => open({ rename: renameFailingFor((from) => from === historyFile()) })).toThrow(
      `The chat history ${historyFile()} is damaged, and ollmchat could not move it aside to start a new one: EBUSY: resource busy or locked`,
    )
    // Everything is where it was, byte for byte, and no half-made backup lies beside it.
    for (const suffix of SUFFIXES)
      expect(readFileSync(historyFile() + suffix).equals(found[suffix]), `the ${suffix || 'main file'}`).toBe(true)
    expect(readdirSync(dir).filter((name) => name.includes('damaged'))).toEqual([])

    // Once the other program lets go, the next start moves all three aside and recovers the commit only the WAL held.
    const { db, damaged } = open()
    db.close()
    for (const suffix of SUFFIXES)
      expect(
        readFileSync((damaged?.backup ?? '') + suffix).equals(found[suffix]),
        `the backup's ${suffix || 'main file'}`,
      ).toBe(true)
    const store = openHistoryStore({ file: historyFile() })
    expect(store.listConversations().map((conversation) => conversation.title)).toContain('Renamed last')
    store.close()
  })

  it('when a rename back fails too, the error names the files left under the backup name', () => {
    damagedHistoryWithWal()
    const failing = renameFailingFor(
      (from) => from === historyFile() || /history\.damaged-[^/\\]*\.sqlite-shm$/.test(from),
    )
    expect(() => open({ rename: failing })).toThrow(
      /Some of its files are now named .*history\.damaged-2026-01-02T03-04-05-000Z\.sqlite-shm: give them back their old names first\./,
    )
    // The -wal, renamed back, is beside its database again; only the -shm (which SQLite rebuilds) is stranded.
    expect(existsSync(`${historyFile()}-wal`)).toBe(true)
    expect(existsSync(`${historyFile()}-shm`)).toBe(false)
  })
})

/** A bug rather than the damage: the 30th message the copy inserts throws, after conversations and messages went in. */
const failingMidway: CheckedOpenOptions['salvage'] = (source, target) => {
  let inserted = 0
  target.function('count_insert', () => {
    inserted += 1
    if (inserted === 30) throw new Error('out of memory while copying')
    return inserted
  })
  target.exec('CREATE TEMP TRIGGER fail_midway AFTER INSERT ON main.messages BEGIN SELECT count_insert(); END')
  return salvageInto(source, target)
}

/** The files named after the backup (`history.damaged-….sqlite` and any `-wal`, `-shm` beside it). */
const backupFiles = (backup: string) =>
  readdirSync(dir)
    .filter((name) => join(dir, name).startsWith(backup))
    .sort()

describe('a salvage that fails midway', () => {
  it('leaves a new, working history, keeps the old file as found, logs the error and says the copy failed', () => {
    const found = damagedHistoryWithWal()
    const log = createMemoryLogger()

    const { db, damaged } = open({ salvage: failingMidway, log })
    db.close()

    expect(damaged?.recovered).toEqual({ conversations: 0, messages: 0 })
    expect(damaged?.salvageFailed).toBe('out of memory while copying')
    const notice = damagedHistoryNotice(damaged as DamagedHistoryFile)
    expect(notice.message).toContain(
      'Copying what it still holds into a new history failed, so the new history is empty; the details are in the log.',
    )
    expect(notice.message).not.toContain('No conversation could be read')
    const logged = log.lines.find(
      (line) => line.message === 'nothing could be copied from the damaged chat history into the new one',
    )
    expect(logged?.level).toBe('warn')
    expect(String(logged?.fields?.error)).toContain('out of memory while copying')
    // The copy was rolled back whole: the new history is empty and takes writes like any.
    const store = openHistoryStore({ file: historyFile() })
    try {
      expect(store.listConversations()).toEqual([])
      expect(store.createConversation({ model: 'llama3' }).title).toBe('New chat')
    } finally {
      store.close()
    }
    // The backup is kept byte for byte, the -shm the salvage's connection rebuilt included.
    const backup = damaged?.backup ?? ''
    for (const suffix of SUFFIXES)
      expect(readFileSync(backup + suffix).equals(found[suffix]), `the backup's ${suffix || 'main file'}`).toBe(true)
  })

  it('of a history closed cleanly, leaves no -wal or -shm beside the backup', () => {
    writeHistory(historyFile(), 40)
    damagePages(historyFile(), 0.5, 6)
    const found = readFileSync(historyFile())

    const { db, damaged } = open({ salvage: failingMidway })
    db.close()

    expect(damaged?.salvageFailed).toBe('out of memory while copying')
    const backup = damaged?.backup ?? ''
    expect(backupFiles(backup)).toEqual([backup.slice(dir.length + 1)])
    expect(readFileSync(backup).equals(found)).toBe(true)
  })
})
