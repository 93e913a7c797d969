/**
 * Runtime validators for every channel's input: the renderer is untrusted, so nothing reaches a handler
 * without passing its schema. The mapped type makes a channel without a schema a compile error, and the
 * output check below makes a schema that disagrees with the contract one too.
 */
import { z } from 'zod'
import { MAX_IMPORT_BYTES } from '../../../src-shared/data-rule'
import { MAX_IMAGE_BASE64_CHARS } from '../../../src-shared/image-rule'
import { MAX_HEADER_NAME_LENGTH, MAX_HEADER_VALUE_LENGTH, MAX_HEADERS } from '../../../src-shared/header-rule'
import type { Channel, In } from '../../../src-shared/ipc/contract'
import {
  numericRule,
  rangeText,
  STOP_RULE,
  THINK_LEVELS,
  type NumericOptionKey,
} from '../../../src-shared/conversation-options'
import {
  MAX_HOST_URL_CHARS,
  MAX_IMAGES_PER_MESSAGE,
  MAX_MODEL_NAME_CHARS,
  MAX_SYSTEM_PROMPT_CHARS,
  MAX_TITLE_CHARS,
} from '../../../src-shared/limits'
import { MAX_MESSAGE_PAGE } from '../../../src-shared/message-pages'
import { MAX_SEARCH_OFFSET, MAX_SEARCH_PAGE_SIZE, SEARCH_CURSOR_PATTERN } from '../../../src-shared/search'
import { numCtxSchema } from '../settings/num-ctx-schema'
import { settingsPatchSchema } from '../settings/settings-patch'
import { idSchema } from './id-schema'

const none = z.strictObject({})
export { idSchema }
const id = idSchema
const modelName = z.string().trim().min(1).max(MAX_MODEL_NAME_CHARS)
const messageText = z
  .string()
  .max(200_000, 'is longer than 200,000 characters')
  .refine((text) => text.trim().length > 0, 'is empty')
const title = z.string().trim().min(1).max(MAX_TITLE_CHARS)
const systemPrompt = z.string().max(MAX_SYSTEM_PROMPT_CHARS)
// Bounds only (a string of base64 characters within the size limit); `decodeImages` reads the bytes and says what
// is wrong with an image in a sentence.
const images = z
  .array(
    z
      .string()
      .max(MAX_IMAGE_BASE64_CHARS, 'holds an image larger than the limit')
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
  )
  .max(MAX_IMAGES_PER_MESSAGE, `can carry at most ${MAX_IMAGES_PER_MESSAGE} images`)

/** One numeric option by its shared rule: Ollama's type, ollmchat's range, the rule's words in the message. */
const numericOption = (key: NumericOptionKey) => {
  const rule = numericRule(key)
  const message = `must be ${rangeText(rule)}`
  return (rule.type === 'integer' ? z.int(message) : z.number(message))
    .min(rule.min, message)
    .max(rule.max, message)
    .exactOptional()
}
const conversationOptions = z.strictObject({
  temperature: numericOption('temperature'),
  top_p: numericOption('top_p'),
  top_k: numericOption('top_k'),
  seed: numericOption('seed'),
  num_predict: numericOption('num_predict'),
  repeat_penalty: numericOption('repeat_penalty'),
  stop: z
    .array(
      z
        .string()
        .min(1, 'cannot hold an empty sequence')
        .max(STOP_RULE.maxLength, `holds a sequence longer than ${STOP_RULE.maxLength} characters`),
    )
    .max(STOP_RULE.maxCount, `holds more than ${STOP_RULE.maxCount} sequences`)
    .exactOptional(),
})
const think = z.union([z.boolean(), z.enum(THINK_LEVELS)], 'must be true, false, "low", "medium" or "high"')

export const inputSchemas = {
  'app:getInfo': none,
  'app:openLogFolder': none,
  'app:restartToUpdate': none,
  // What a window reports about its own failures: text only, bounded so a runaway report cannot flood the log.
  'app:reportError': z.strictObject({
    where: z.string().min(1).max(200),
    message: z.string().max(4_000),
    stack: z.string().max(16_000).exactOptional(),
  }),
  'ollama:getStatus': none,
  'ollama:checkNow': none,
  'models:list': none,
  'models:setNumCtx': z.strictObject({ model: modelName, numCtx: z.number().nullable() }),
  'models:refresh': none,
  'models:estimateMemory': z.strictObject({ model: modelName, numCtx: numCtxSchema }),
  'models:pull': z.strictObject({ requestId: id, model: modelName }),
  'models:cancelPull': z.strictObject({ requestId: id }),
  'models:activePulls': none,
  'models:delete': z.strictObject({ model: modelName }),
  'models:unload': z.strictObject({ model: modelName }),
  'models:details': z.strictObject({ model: modelName }),
  'tempModels:list': none,
  'tempModels:cleanup': none,
  'tempModels:removeAll': none,
  'hosts:save': z.strictObject({
    id: id.exactOptional(),
    url: z.string().trim().min(1).max(MAX_HOST_URL_CHARS),
    name: z.string().max(200).nullable().exactOptional(),
    // Bounds only; `checkHeaders` applies the whole header rule with a sentence naming the problem.
    headers: z
      .record(z.string().max(MAX_HEADER_NAME_LENGTH), z.string().max(MAX_HEADER_VALUE_LENGTH))
      .refine((headers) => Object.keys(headers).length <= MAX_HEADERS, `has more than ${MAX_HEADERS} headers`)
      .exactOptional(),
  }),
  'hosts:remove': z.strictObject({ id }),
  'hosts:check': none,
  'settings:get': none,
  'settings:update': settingsPatchSchema,
  'conversations:list': none,
  'conversations:create': z.strictObject({ model: modelName.nullable(), systemPrompt: systemPrompt.exactOptional() }),
  'conversations:get': z.strictObject({
    conversationId: id,
    limit: z.int().min(1).max(MAX_MESSAGE_PAGE).exactOptional(),
    before: id.exactOptional(),
  }),
  'conversations:update': z.strictObject({
    conversationId: id,
    title: title.exactOptional(),
    model: modelName.nullable().exactOptional(),
    systemPrompt: systemPrompt.exactOptional(),
    options: conversationOptions.exactOptional(),
    think: think.nullable().exactOptional(),
  }),
  'conversations:delete': z.strictObject({ conversationId: id }),
  'conversations:restore': z.strictObject({ conversationId: id }),
  'conversations:search': z.strictObject({
    query: z.string().max(500),
    limit: z.int().min(1).max(MAX_SEARCH_PAGE_SIZE).exactOptional(),
    offset: z.int().min(0).max(MAX_SEARCH_OFFSET).exactOptional(),
    after: z.string().regex(SEARCH_CURSOR_PATTERN).exactOptional(),
  }),
  'conversations:image': z.strictObject({
    messageId: id,
    position: z
      .int()
      .min(0)
      .max(MAX_IMAGES_PER_MESSAGE - 1),
  }),
  'conversations:continueFromSummary': z.strictObject({ requestId: id, conversationId: id }),
  'chat:send': z.strictObject({ requestId: id, conversationId: id, text: messageText, images: images.exactOptional() }),
  'chat:regenerate': z.strictObject({ requestId: id, conversationId: id }),
  'chat:editAndResend': z.strictObject({ requestId: id, conversationId: id, messageId: id, text: messageText }),
  // One reply runs per conversation, so a window that did not start it can stop it by its conversation.
  'chat:cancel': z.union([z.strictObject({ requestId: id }), z.strictObject({ conversationId: id })]),
  'chat:running': none,
  'conversations:showVersion': z.strictObject({
    conversationId: id,
    messageId: id,
    version: z.number().int().min(1).max(1_000_000),
  }),
  'data:export': z.strictObject({
    requestId: id,
    format: z.enum(['json', 'markdown']),
    conversationId: id.exactOptional(),
  }),
  // A character is at least one byte, so this bound is never tighter than the file's; `planImport` checks the bytes.
  'data:import': z.strictObject({
    requestId: id,
    text: z.string().max(MAX_IMPORT_BYTES, 'is a file larger than ollmchat imports'),
  }),
} satisfies { [C in Channel]: z.ZodType<In<C>> }

/**
 * A message that is already a whole sentence (it ends with a full stop, like `parseNumCtx`'s or the settings
 * patch's): it names what is wrong by itself, so no field is put before it.
 */
const isSentence = (message: string) => message.endsWith('.')

/**
 * Turns zod's issues into one sentence naming the fields, e.g. `text is empty; model is required`, without a final
 * full stop (callers end the sentence). A message that is a whole sentence is kept as it is, its full stop left to
 * the caller.
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      if (isSentence(issue.message)) return issue.message.slice(0, -1)
      const field = issue.path.length > 0 ? issue.path.join('.') : 'input'
      return `${field} ${issue.code === 'unrecognized_keys' ? 'has unknown fields' : issue.message.replace(/^Invalid input: /, '')}`
    })
    .join('; ')
}
