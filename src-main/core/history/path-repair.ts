import type { HistoryDatabase } from './database'

interface TreeRow {
  id: string
  seq: number
  parent_id: string | null
  on_path: number
}

/**
 * Makes every conversation's tree whole again after rows were lost (see `salvage.ts`). In a sound tree the messages
 * on the path, in `seq` order, are a chain: each one's parent is the path message before it, the first has none
 * (`migrations.ts`, `messageTree`). So the path messages that survived are chained that way again, closing the gap a
 * lost message left, and a message off the path whose parent is lost (or not before it) hangs from the nearest path
 * message before it instead. A child then always follows its parent, and every conversation opens on a path.
 * Returns how many messages were changed.
 */
export function repairPaths(db: HistoryDatabase): number {
  const conversationIds = db.prepare<[], string>('SELECT DISTINCT conversation_id FROM messages').pluck().all()
  const rowsOf = db.prepare<[string], TreeRow>(
    'SELECT id, seq, parent_id, on_path FROM messages WHERE conversation_id = ? ORDER BY seq',
  )
  const setParent = db.prepare<[string | null, string]>('UPDATE messages SET parent_id = ? WHERE id = ?')
  let changed = 0
  for (const conversationId of conversationIds) {
    const rows = rowsOf.all(conversationId)
    const seqOf = new Map(rows.map((row) => [row.id, row.seq]))
    let lastOnPath: string | null = null
    for (const row of rows) {
      const parentSeq = row.parent_id === null ? undefined : seqOf.get(row.parent_id)
      // Off the path, no parent is sound too: an older version of the first message.
      const sound =
        row.on_path === 1
          ? row.parent_id === lastOnPath
          : row.parent_id === null || (parentSeq !== undefined && parentSeq < row.seq)
      if (!sound) {
        setParent.run(lastOnPath, row.id)
        changed += 1
      }
      if (row.on_path === 1) lastOnPath = row.id
    }
  }
  return changed
}
