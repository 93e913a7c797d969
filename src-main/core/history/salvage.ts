import type { HistoryDatabase } from './database'
import { repairPaths } from './path-repair'
import { isDamage } from './sqlite-damage'

/** What a salvage put into the new history: what the window lists, so the notice counts what the user will see. */
export interface SalvagedRows {
  /** Conversations recovered and not deleted. */
  conversations: number
  /** Messages of those conversations (every version). */
  messages: number
}

/** Rowids read per query: a bounded batch in memory, and a damaged page costs only a split of its batch. */
const BATCH = 256

/** The two tables read by rowid ranges; both have `pk INTEGER PRIMARY KEY` (see `migrations.ts`). */
const ROWID_TABLES = ['conversations', 'messages'] as const

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`

/** The columns `table` has in both databases: an older file lacks later columns, which then take their defaults. */
function sharedColumns(source: HistoryDatabase, target: HistoryDatabase, table: string): string[] {
  const names = (db: HistoryDatabase) =>
    (db.pragma(`table_info(${quoted(table)})`) as { name: string }[]).map((column) => column.name)
  let inSource: string[]
  try {
    inSource = names(source)
  } catch {
    return [] // The schema page itself cannot be read: nothing of this table can be.
  }
  const inTarget = new Set(names(target))
  return inSource.filter((name) => inTarget.has(name))
}

/**
 * Batches in a row that yield nothing before a walk stops where no tree can tell the next rowid (16,384 rowids): far
 * enough to step over a damaged page or a purged stretch, near enough that a walk beyond the last row ends soon.
 */
const EMPTY_BATCHES_AT_END = 64

/**
 * The highest rowid the walk reads: ollmchat's rowids count up from 1, so one beyond what a double holds exactly can
 * only be garbage read from a damaged page (and `low + BATCH` would no longer move past it).
 */
const LAST_ROWID = Number.MAX_SAFE_INTEGER - BATCH

/** The trees that know every rowid of `table`: its own, and each of its indexes (a partial one then fails to answer). */
function rowidTrees(source: HistoryDatabase, table: string): string[] {
  let indexes: string[]
  try {
    indexes = (source.pragma(`index_list(${table})`) as { name: string }[]).map((index) => index.name)
  } catch {
    indexes = []
  }
  return [table, ...indexes.map((index) => `${table} INDEXED BY ${quoted(index)}`)]
}

/**
 * The next rowid above `after`, from the first of `trees` that can answer (the table's own, then an index when the
 * table's is damaged on the way): a number, `null` for none, `undefined` when no tree could answer.
 */
function nextRowid(source: HistoryDatabase, trees: readonly string[], after: number): number | null | undefined {
  for (const from of trees) {
    try {
      const found = source.prepare<[number], unknown>(`SELECT min(pk) FROM ${from} WHERE pk > ?`).pluck().get(after)
      return typeof found === 'number' ? found : null
    } catch (error) {
      // A partial index cannot answer for the whole table; a damaged tree cannot answer at all.
      if (!isDamage(error) && !/no query solution/.test(String(error))) throw error
    }
  }
  return undefined
}

/**
 * Calls `onRow` for every row of `table` SQLite can still read, in rowid order, reading batches of rowids. A batch
 * that hits a damaged page is split in halves until the damaged part is one rowid, so a broken page loses only the
 * rows stored on it. Past a batch that yields nothing, the walk jumps to the next rowid a tree still tells (over a
 * purged stretch at once), and ends where they tell none. No reported highest rowid is trusted as a bound: a damaged
 * page may report any number (2^62), and walking up to it would never end. Each batch either reads a row, follows a
 * rowid a tree holds, or counts toward `EMPTY_BATCHES_AT_END`, so the work is bounded by what the file holds.
 */
function eachReadableRow(
  source: HistoryDatabase,
  table: string,
  columns: readonly string[],
  onRow: (row: Record<string, unknown>) => void,
): void {
  const trees = rowidTrees(source, table)
  const select = source.prepare<[number, number], Record<string, unknown>>(
    `SELECT ${columns.map(quoted).join(', ')} FROM ${table} WHERE pk BETWEEN ? AND ? ORDER BY pk`,
  )
  /** Reads rowids `low` to `high`, returning how many rows were read. */
  const visit = (low: number, high: number): number => {
    let rows: Record<string, unknown>[]
    try {
      rows = select.all(low, high)
    } catch (error) {
      if (!isDamage(error)) throw error
      if (low === high) return 0
      const middle = low + Math.floor((high - low) / 2)
      return visit(low, middle) + visit(middle + 1, high)
    }
    rows.forEach(onRow)
    return rows.length
  }
  for (let low = 1, blind = 0; low <= LAST_ROWID && blind < EMPTY_BATCHES_AT_END;) {
    const high = low + BATCH - 1
    if (visit(low, high) > 0) {
      low = high + 1
      blind = 0
      continue
    }
    const next = nextRowid(source, trees, high)
    if (next === null) return
    // A tree that reads garbage may answer below what it was asked: only a rowid ahead moves the walk on.
    if (next !== undefined && next > high) {
      low = next
      blind = 0
      continue
    }
    // No tree tells what follows (damaged on the way): read on blind until a long run of batches yields nothing.
    blind += 1
    low = high + 1
  }
}

/** Inserts rows one at a time; a row the new schema refuses (a broken value, a message whose conversation is lost) is dropped. */
function inserter(
  target: HistoryDatabase,
  table: string,
  columns: readonly string[],
): (row: Record<string, unknown>) => boolean {
  const insert = target.prepare(
    `INSERT INTO ${table} (${columns.map(quoted).join(', ')}) VALUES (${columns.map((name) => `@${name}`).join(', ')})`,
  )
  return (row) => {
    try {
      insert.run(row)
      return true
    } catch (error) {
      if ((error as { code?: unknown }).code?.toString().startsWith('SQLITE_CONSTRAINT')) return false
      throw error
    }
  }
}

/** Copies the images of each recovered message, looked up one message at a time (the table has no rowid to range over). */
function copyImages(source: HistoryDatabase, target: HistoryDatabase): void {
  const columns = sharedColumns(source, target, 'message_images')
  if (columns.length === 0) return
  const select = source.prepare<[string], Record<string, unknown>>(
    `SELECT ${columns.map(quoted).join(', ')} FROM message_images WHERE message_id = ?`,
  )
  const insert = inserter(target, 'message_images', columns)
  for (const messageId of target.prepare<[], string>('SELECT id FROM messages').pluck().all()) {
    try {
      select.all(messageId).forEach(insert)
    } catch (error) {
      if (!isDamage(error)) throw error
    }
  }
}

/** The temporary models ollmchat made (so they are still cleaned up): a small table, read whole or not at all. */
function copyTempModels(source: HistoryDatabase, target: HistoryDatabase): void {
  const columns = sharedColumns(source, target, 'temp_models')
  if (columns.length === 0) return
  const insert = inserter(target, 'temp_models', columns)
  try {
    source
      .prepare<[], Record<string, unknown>>(`SELECT ${columns.map(quoted).join(', ')} FROM temp_models`)
      .all()
      .forEach(insert)
  } catch (error) {
    if (!isDamage(error)) throw error
  }
}

/**
 * Copies what can still be read from the damaged `source` into the new, migrated, empty `target`, table by table and
 * row by row, in one transaction: conversations, then messages (a message whose conversation is lost is dropped),
 * their images, and the temporary-model records. Each conversation's path is then repaired where lost messages broke
 * it (`repairPaths`), and the search index is rebuilt from what was kept. Rows keep their rowids, ids and tree fields.
 */
export function salvageInto(source: HistoryDatabase, target: HistoryDatabase): SalvagedRows {
  target.transaction(() => {
    for (const table of ROWID_TABLES) {
      const columns = sharedColumns(source, target, table)
      if (!columns.includes('pk')) continue
      eachReadableRow(source, table, columns, inserter(target, table, columns))
    }
    copyImages(source, target)
    copyTempModels(source, target)
    repairPaths(target)
    target.exec("INSERT INTO message_search (message_search) VALUES ('rebuild')")
  })()
  return (
    target
      .prepare<[], SalvagedRows>(
        `SELECT count(*) AS conversations,
        coalesce(sum((SELECT count(*) FROM messages m WHERE m.conversation_id = c.id)), 0) AS messages
       FROM conversations c WHERE c.deleted_at IS NULL`,
      )
      .get() ?? { conversations: 0, messages: 0 }
  )
}
