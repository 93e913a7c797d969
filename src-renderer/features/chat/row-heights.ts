import type { ChatMessage } from '../../../src-shared/types'
import type { MessageRow } from './message-rows'

// The message column is at most 768 px wide (--content-width) in 15 px type: about 95 characters a line.
const CHARS_PER_LINE = 95
const LINE_PX = 24
const PARAGRAPH_GAP_PX = 16
// The bubble's padding for a sent message; the actions row under a reply.
const USER_CHROME_PX = 52
const REPLY_CHROME_PX = 40
const NOTICE_PX = 40
// The "no longer sees the messages above" divider: one line of 12 px type.
const DIVIDER_PX = 19

/**
 * A guess at a message's rendered height from its text, for rows never rendered yet: close enough that the
 * scroll bar and a jump far up land near the right place; the real height replaces it once the row was seen.
 */
export function estimateRowHeight(message: ChatMessage): number {
  let estimate = estimates.get(message)
  if (estimate === undefined) {
    estimate = estimateFromText(message)
    estimates.set(message, estimate)
  }
  return estimate
}

// By message object: a message's text never changes under the same object, and a long list asks again per run.
const estimates = new WeakMap<ChatMessage, number>()

function estimateFromText(message: ChatMessage): number {
  if (message.role === 'notice') return NOTICE_PX
  const paragraphs = message.content.split(/\n{2,}/)
  const width = message.role === 'user' ? Math.floor(CHARS_PER_LINE * 0.8) : CHARS_PER_LINE
  const lines = paragraphs.reduce((sum, paragraph) => sum + Math.max(1, Math.ceil(paragraph.length / width)), 0)
  const gaps = (paragraphs.length - 1) * PARAGRAPH_GAP_PX
  return lines * LINE_PX + gaps + (message.role === 'user' ? USER_CHROME_PX : REPLY_CHROME_PX)
}

/** The heights rows had when last rendered in full, by row key (a message's id); a placeholder takes that height. */
export interface RowHeights {
  get(id: string): number | undefined
  set(id: string, height: number): void
}

export function createRowHeights(): RowHeights {
  const heights = new Map<string, number>()
  return {
    get: (id) => heights.get(id),
    set: (id, height) => void heights.set(id, height),
  }
}

/** The height a row takes as a placeholder: the height it had when last rendered in full, or a guess. */
export function rowHeight(row: MessageRow, heights: RowHeights): number {
  return heights.get(row.key) ?? (row.kind === 'message' ? estimateRowHeight(row.message) : DIVIDER_PX)
}
