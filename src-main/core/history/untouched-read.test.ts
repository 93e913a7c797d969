import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readUntouched } from './untouched-read'

let dir: string
const file = () => join(dir, 'history.sqlite')
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ollmchat-untouched-'))
  // A WAL database with its -wal and -shm, as a live connection leaves them.
  const live = new Database(join(dir, 'live.sqlite'))
  live.pragma('journal_mode = WAL')
  live.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)')
  for (const suffix of ['', '-wal', '-shm']) copyFileSync(join(dir, `live.sqlite${suffix}`), file() + suffix)
  live.close()
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const sqliteError = (code: string) =>
  Object.assign(
    new Error(code.startsWith('SQLITE_CORRUPT') ? 'database disk image is malformed' : 'database is locked'),
    {
      code,
    },
  )

/** A read during which the -shm changes (another live process, or the read's own rebuild), then throws `error`. */
function readFailingWhileAnotherProcessWrites(error: Error): Buffer {
  const theirs = Buffer.alloc(readFileSync(`${file()}-shm`).length, 7)
  expect(() =>
    readUntouched(file(), undefined, () => {
      writeFileSync(`${file()}-shm`, theirs)
      throw error
    }),
  ).toThrow()
  return theirs
}

describe('a read that leaves the file as found', () => {
  it.each(['SQLITE_BUSY', 'SQLITE_LOCKED'])(
    'a file another connection holds (%s): its -shm is not written back',
    (code) => {
      const theirs = readFailingWhileAnotherProcessWrites(sqliteError(code))
      expect(readFileSync(`${file()}-shm`).equals(theirs)).toBe(true)
    },
  )

  it.each([
    ['a damaged file', sqliteError('SQLITE_CORRUPT')],
    ['a read that fails for another reason (a bug, a full disk)', new Error('out of memory while copying')],
  ])('%s: the -shm the read rebuilt is put back as found', (_, error) => {
    const found = readFileSync(`${file()}-shm`)
    readFailingWhileAnotherProcessWrites(error)
    expect(readFileSync(`${file()}-shm`).equals(found)).toBe(true)
  })
})
