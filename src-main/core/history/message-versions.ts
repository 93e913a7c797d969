import type { ChatMessage } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { HistoryDatabase } from './database'
import type { PlaceOnPath } from './message-place'
import { MESSAGE_COLUMNS, toChatMessage, type MessageRow } from './row-mapping'

/** Changes to which messages form a conversation's path; see `HistoryStore` for each method's guarantees. */
export interface VersionEdits {
  branchFrom(conversationId: string, messageId: string): number
  discardFrom(conversationId: string, messageId: string): number
  showVersion(conversationId: string, messageId: string, version: number): ChatMessage[] | null
}

/** Prepares the path statements once; each edit that takes more than one statement is one transaction. */
export function createVersionEdits(db: HistoryDatabase, placeOnPath: PlaceOnPath): VersionEdits {
  const tailStatement = db.prepare<[string, number], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND on_path = 1 AND seq >= ? ORDER BY seq`,
  )
  const leavePathStatement = db.prepare<[string, number]>(
    'UPDATE messages SET on_path = 0 WHERE conversation_id = ? AND on_path = 1 AND seq >= ?',
  )
  const deletePathStatement = db.prepare<[string, number]>(
    'DELETE FROM messages WHERE conversation_id = ? AND on_path = 1 AND seq >= ?',
  )
  // Versions of a message: its role's messages under its parent, oldest first.
  const versionsStatement = db.prepare<[string, string | null, string], { id: string; seq: number }>(
    'SELECT id, seq FROM messages WHERE conversation_id = ? AND parent_id IS ? AND role = ? ORDER BY seq',
  )
  // Below a version, the path follows the child shown last (highest stamp).
  const lastShownChildStatement = db.prepare<[string, string], { id: string }>(
    'SELECT id FROM messages WHERE conversation_id = ? AND parent_id = ? ORDER BY path_stamp DESC, seq DESC LIMIT 1',
  )
  const nextStampStatement = db.prepare<[string], { stamp: number }>(
    'SELECT coalesce(max(path_stamp), 0) + 1 AS stamp FROM messages WHERE conversation_id = ?',
  )
  const joinPathStatement = db.prepare<[number, string]>('UPDATE messages SET on_path = 1, path_stamp = ? WHERE id = ?')
  const offPathChildStatement = db.prepare<[string, number], { found: number }>(
    `SELECT 1 AS found FROM messages m WHERE m.conversation_id = ? AND m.on_path = 0 AND m.parent_id IN
       (SELECT id FROM messages WHERE conversation_id = m.conversation_id AND on_path = 1 AND seq >= ?) LIMIT 1`,
  )

  const showVersion = db.transaction(
    (conversationId: string, messageId: string, version: number): ChatMessage[] | null => {
      const place = placeOnPath(conversationId, messageId)
      const versions = versionsStatement.all(conversationId, place.parent_id, place.role)
      const chosen = versions[version - 1]
      if (chosen === undefined)
        throw new AppFailure('INVALID_INPUT', `That message has ${versions.length} versions, not ${version}.`)
      if (chosen.id === messageId) return null
      leavePathStatement.run(conversationId, place.seq)
      let stamp = nextStampStatement.get(conversationId)?.stamp ?? 1
      for (
        let id: string | undefined = chosen.id;
        id !== undefined;
        id = lastShownChildStatement.get(conversationId, id)?.id
      ) {
        joinPathStatement.run(stamp, id)
        stamp += 1
      }
      return tailStatement.all(conversationId, chosen.seq).map(toChatMessage)
    },
  )

  const discardFrom = db.transaction((conversationId: string, messageId: string): number => {
    const place = placeOnPath(conversationId, messageId)
    // A message with versions of its own below it is never discarded: it only leaves the path.
    if (offPathChildStatement.get(conversationId, place.seq))
      return leavePathStatement.run(conversationId, place.seq).changes
    return deletePathStatement.run(conversationId, place.seq).changes
  })

  return {
    branchFrom: (conversationId, messageId) =>
      leavePathStatement.run(conversationId, placeOnPath(conversationId, messageId).seq).changes,
    discardFrom: (conversationId, messageId) => discardFrom(conversationId, messageId),
    showVersion: (conversationId, messageId, version) => showVersion(conversationId, messageId, version),
  }
}
