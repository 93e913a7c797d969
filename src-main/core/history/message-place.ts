import { AppFailure } from '../app-failure'
import type { HistoryDatabase } from './database'

/** Where a message sits on its conversation's path: what paging, branching and version switching start from. */
export interface PathPlace {
  seq: number
  parent_id: string | null
  role: string
}

/** Finds a message on the path a conversation shows; throws `NOT_FOUND` when it is not a message there. */
export type PlaceOnPath = (conversationId: string, messageId: string) => PathPlace

/** Prepares the lookup once; reads and version edits share it so "not on the path" means one thing. */
export function createPlaceOnPath(db: HistoryDatabase): PlaceOnPath {
  const placeStatement = db.prepare<[string, string], PathPlace & { on_path: number }>(
    'SELECT seq, on_path, parent_id, role FROM messages WHERE id = ? AND conversation_id = ?',
  )
  return (conversationId, messageId) => {
    const place = placeStatement.get(messageId, conversationId)
    if (!place || place.on_path !== 1)
      throw new AppFailure('NOT_FOUND', 'That message is no longer in this conversation.')
    return place
  }
}
