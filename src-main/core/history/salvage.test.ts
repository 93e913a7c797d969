import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type HistoryDatabase } from './database'
import { migrate } from './migrations'
import { salvageInto } from './salvage'
import { writeHistory } from './test-fixtures/damage'

let dir: string
let source: HistoryDatabase
let target: HistoryDatabase
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ollmchat-salvage-'))
  writeHistory(join(dir, 'old.sqlite'), 3)
  source = new Database(join(dir, 'old.sqlite'))
  target = openDatabase({ file: ':memory:' })
  migrate(target)
})
afterEach(() => {
  source.close()
  target.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Copies conversation 1 as a new conversation with rowid `pk`, as a damaged page may report one. */
function conversationAt(pk: bigint, id: string): void {
  source.exec('CREATE TEMP TABLE IF NOT EXISTS copied AS SELECT * FROM conversations WHERE 0')
  source.exec('DELETE FROM copied; INSERT INTO copied SELECT * FROM conversations WHERE pk = 1')
  source.prepare('UPDATE copied SET pk = ?, id = ?').run(pk, id)
  source.exec('INSERT INTO conversations SELECT * FROM copied')
}

const salvagedIds = () => target.prepare<[], string>('SELECT id FROM conversations ORDER BY pk').pluck().all()

describe('salvaging rows', () => {
  it('ends past the last row when a tree reports a huge rowid (2^62), rather than walking up to it', () => {
    // Without a bound the walk would take 2^62 / 256 batches: start-up would never end.
    conversationAt(2n ** 62n, 'garbage-far-away')
    const recovered = salvageInto(source, target)
    // A rowid beyond what a double holds exactly is none ollmchat wrote: the walk ends below it.
    expect(salvagedIds()).not.toContain('garbage-far-away')
    expect(recovered.conversations).toBe(3)
  })

  it('jumps over a long stretch of purged rowids to the rows after it', () => {
    conversationAt(100_000n, 'after-a-purge')
    conversationAt(2n ** 40n, 'far-but-real')
    salvageInto(source, target)
    expect(salvagedIds().slice(-2)).toEqual(['after-a-purge', 'far-but-real'])
  })
})
