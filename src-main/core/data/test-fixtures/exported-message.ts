import { NO_REPLY_DETAILS } from '../../../test-support/stored-message'
import type { ExportedMessage } from '../export-format'

/**
 * A complete, shown message as an ollmchat export writes it, for import tests; override what the test is about.
 * Without a parent it starts the conversation; `updatedAt` is its `createdAt` unless given.
 */
export function exportedMessage(
  overrides: Partial<ExportedMessage> & Pick<ExportedMessage, 'id' | 'role' | 'content' | 'createdAt'>,
): ExportedMessage {
  return {
    parentId: null,
    onPath: true,
    pathStamp: 1,
    thinking: '',
    status: 'complete',
    model: null,
    ...NO_REPLY_DETAILS,
    updatedAt: overrides.createdAt,
    images: [],
    ...overrides,
  }
}
