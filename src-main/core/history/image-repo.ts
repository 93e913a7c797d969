import type { ImageMime } from '../../../src-shared/image-rule'
import type { ChatMessage, MessageImageInfo } from '../../../src-shared/types'
import type { HistoryDatabase } from './database'

/** An image ready to store: its bytes, already checked (`decodeImages`), and the format they are in. */
export interface ImageToStore {
  mime: ImageMime
  data: Uint8Array
}

/** One stored image with its bytes. */
export interface StoredImage {
  mime: string
  data: Buffer
}

/**
 * The `message_images` table (migration 6): the bytes of the images a user message carries, beside it, dropped
 * with it by the cascade. Messages read from the store are only told which images they have (`describe`); the bytes
 * are read one image at a time (`read`, for the window) or all of one message (`all`, for the prompt).
 */
export interface ImageRepo {
  /** Stores the images of a new message, in order; call inside the transaction that adds the message. */
  save(messageId: string, images: readonly ImageToStore[]): MessageImageInfo[]
  /** The same messages, each with `images` set when it has any (one query for the whole list). */
  describe<T extends ChatMessage>(messages: T[]): T[]
  read(messageId: string, position: number): StoredImage | null
  /** A message's images in order, e.g. to send them (as base64) or to keep them on an edited version. */
  all(messageId: string): ImageToStore[]
}

interface InfoRow {
  message_id: string
  position: number
  mime: string
  bytes: number
}

export function createImageRepo(db: HistoryDatabase): ImageRepo {
  const insert = db.prepare<[string, number, string, Uint8Array]>(
    'INSERT INTO message_images (message_id, position, mime, data) VALUES (?, ?, ?, ?)',
  )
  // The ids go in as one JSON array, so a page of any length is one prepared statement.
  const infoOf = db.prepare<[string], InfoRow>(
    `SELECT message_id, position, mime, length(data) AS bytes FROM message_images
     WHERE message_id IN (SELECT value FROM json_each(?)) ORDER BY message_id, position`,
  )
  const readOne = db.prepare<[string, number], StoredImage>(
    'SELECT mime, data FROM message_images WHERE message_id = ? AND position = ?',
  )
  const readAll = db.prepare<[string], { mime: ImageMime; data: Buffer }>(
    'SELECT mime, data FROM message_images WHERE message_id = ? ORDER BY position',
  )

  return {
    save(messageId, images) {
      return images.map((image, position) => {
        insert.run(messageId, position, image.mime, image.data)
        return { position, mime: image.mime, bytes: image.data.byteLength }
      })
    },
    describe(messages) {
      // Only user messages carry images: replies and notices are not looked up at all.
      const ids = messages.filter((message) => message.role === 'user').map((message) => message.id)
      if (ids.length === 0) return messages
      const byMessage = new Map<string, MessageImageInfo[]>()
      for (const row of infoOf.all(JSON.stringify(ids))) {
        const list = byMessage.get(row.message_id) ?? []
        list.push({ position: row.position, mime: row.mime, bytes: row.bytes })
        byMessage.set(row.message_id, list)
      }
      if (byMessage.size === 0) return messages
      return messages.map((message) => {
        const images = byMessage.get(message.id)
        return images === undefined ? message : { ...message, images }
      })
    },
    read: (messageId, position) => readOne.get(messageId, position) ?? null,
    all: (messageId) => readAll.all(messageId),
  }
}
