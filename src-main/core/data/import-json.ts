import { z } from 'zod'
import { checkConversationOptions, isThinkSetting } from '../../../src-shared/conversation-options'
import {
  MAX_HOST_URL_CHARS,
  MAX_IMAGES_PER_MESSAGE,
  MAX_MODEL_NAME_CHARS,
  MAX_SYSTEM_PROMPT_CHARS,
  MAX_TITLE_CHARS,
} from '../../../src-shared/limits'
import { isRecord } from '../guards'
import type { ConversationToImport, MessageToImport } from '../history/history-import'
import { readContext, readError, readNotice, readStats } from '../history/stored-json'
import { describeIssues, idSchema as id } from '../ipc/input-schemas'
import { numCtxSchema } from '../settings/num-ctx-schema'
import { EXPORT_FORMAT, EXPORT_VERSION } from './export-format'
import { decodeImportedImage } from './imported-image'
import { conversationLabel, refuseImport } from './import-refusal'
import { checkTree } from './tree-check'
import { plainIso } from './plain-iso'

/**
 * A time as ollmchat writes it (ISO 8601 with its zone), stored as `Date.toISOString` gives it: the history compares
 * and sorts times as text (the list by `updated_at`, the purge of deleted conversations), which only works when they
 * all have that one form. Anything else is refused rather than guessed at: `Date.parse` reads "1" as the year 2001
 * and "March 7, 2024" or a time without a zone in the machine's own time zone, so the same file would import as
 * different times on different machines.
 */
const time = z.iso
  .datetime({
    offset: true,
    error: 'is not a time as ollmchat writes it (ISO 8601 with its time zone, e.g. 2025-03-01T10:00:00.000Z)',
  })
  .refine((text) => plainIso(Date.parse(text)) !== null, 'is a time outside the years 0000 to 9999')
  .transform((text) => plainIso(Date.parse(text)) ?? text)
const modelName = z.string().max(MAX_MODEL_NAME_CHARS, `is longer than ${MAX_MODEL_NAME_CHARS} characters`).nullable()

const messageSchema = z.object({
  id,
  parentId: id.nullable(),
  onPath: z.boolean(),
  pathStamp: z.int().min(0),
  role: z.enum(['user', 'assistant', 'notice'], 'must be user, assistant or notice'),
  content: z.string(),
  thinking: z.string(),
  status: z.enum(
    ['complete', 'streaming', 'cancelled', 'error', 'interrupted'],
    'must be complete, streaming, cancelled, error or interrupted',
  ),
  model: modelName,
  servedBy: modelName,
  numCtx: numCtxSchema.nullable(),
  // Read field by field below, by the same readers as the history's own JSON columns.
  error: z.unknown(),
  stats: z.unknown(),
  context: z.unknown(),
  notice: z.unknown(),
  createdAt: time,
  updatedAt: time,
  images: z
    .array(z.object({ mime: z.string(), data: z.string() }))
    .max(MAX_IMAGES_PER_MESSAGE, `holds more than ${MAX_IMAGES_PER_MESSAGE} images`),
})

const conversationSchema = z.object({
  id,
  title: z.string().trim().min(1, 'is empty').max(MAX_TITLE_CHARS, `is longer than ${MAX_TITLE_CHARS} characters`),
  model: modelName,
  systemPrompt: z.string().max(MAX_SYSTEM_PROMPT_CHARS),
  createdAt: time,
  updatedAt: time,
  lastHost: z.string().max(MAX_HOST_URL_CHARS, `is longer than ${MAX_HOST_URL_CHARS} characters`).nullable(),
  options: z.record(z.string(), z.unknown()),
  think: z
    .unknown()
    .refine((value) => value === null || isThinkSetting(value), 'must be true, false, "low", "medium", "high" or null'),
  messages: z.array(z.unknown()),
})

/** A value read back from the export through the history's own reader of that JSON column. */
const throughColumn = <T>(value: unknown, read: (text: string | null) => T): T =>
  read(value === null || value === undefined ? null : JSON.stringify(value))

/** The conversations of an ollmchat export, after its format and version are checked (refused in a sentence). */
export function ollmchatConversations(document: Record<string, unknown>): unknown[] {
  if (document.format !== EXPORT_FORMAT)
    refuseImport('The file is not an ollmchat export or an Open WebUI chat export.')
  if (document.version !== EXPORT_VERSION) {
    const version = typeof document.version === 'number' ? `version ${document.version}` : 'a version it does not say'
    refuseImport(
      `The file is an ollmchat export of ${version}; this ollmchat reads version ${EXPORT_VERSION}. Update ollmchat to import it.`,
    )
  }
  if (!Array.isArray(document.conversations))
    refuseImport('The file is an ollmchat export without its list of conversations.')
  return document.conversations as unknown[]
}

function readMessage(raw: unknown, index: number, where: string): MessageToImport {
  const parsed = messageSchema.safeParse(raw)
  if (!parsed.success)
    return refuseImport(
      `Message ${index + 1} of ${where} is not as ollmchat writes it: ${describeIssues(parsed.error)}.`,
    )
  const message = parsed.data
  return {
    ...message,
    // A reply still streaming when it was exported will never finish here.
    status: message.status === 'streaming' ? 'interrupted' : message.status,
    error: throughColumn(message.error, readError),
    stats: throughColumn(message.stats, readStats),
    context: throughColumn(message.context, readContext),
    notice: throughColumn(message.notice, readNotice),
    images: message.images.map((image, position) =>
      decodeImportedImage(image.data, `Image ${position + 1} of message ${index + 1} of ${where}`),
    ),
  }
}

/** One conversation of an ollmchat export, checked whole (fields, tree, images); refused in a sentence. */
export function readOllmchatConversation(raw: unknown, index: number): ConversationToImport {
  const title = isRecord(raw) && typeof raw.title === 'string' ? raw.title : null
  const where = conversationLabel(index, title)
  const parsed = conversationSchema.safeParse(raw)
  if (!parsed.success) return refuseImport(`${where} is not as ollmchat writes it: ${describeIssues(parsed.error)}.`)
  const conversation = parsed.data
  const optionsProblem = checkConversationOptions(conversation.options)
  if (optionsProblem !== null) refuseImport(`In ${where}: ${optionsProblem}`)
  const messages = conversation.messages.map((message, position) => readMessage(message, position, where))
  checkTree(messages, where)
  return {
    ...conversation,
    options: conversation.options,
    think: isThinkSetting(conversation.think) ? conversation.think : null,
    messages,
  }
}
