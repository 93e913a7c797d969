import type { HistoryDatabase } from './database'

/**
 * When each message of a conversation last joined its path (`messages.path_stamp`, migration 5): the order that
 * decides which branch an older version leads to. Only an export needs it, to give the same tree back on import.
 */
export function createPathStampReader(db: HistoryDatabase): (conversationId: string) => Map<string, number> {
  const statement = db.prepare<[string], { id: string; path_stamp: number }>('SELECT id, path_stamp FROM messages WHERE conversation_id = ?')
  return (conversationId) => new Map(statement.all(conversationId).map((row) => [row.id, row.path_stamp]))
}
