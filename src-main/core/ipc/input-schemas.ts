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
import { numericRule, rangeText, STOP_RULE, THINK_LEVELS, type NumericOptionKey } from '../../../src-shared/conversation-options'
import {
  MAX_HOST_URL_CHARS,
  MAX_IMAGES_PER_MESSAGE,
  MAX_MODEL_NAME_CHARS,
  MAX_NUM_CTX,
  MAX_SYSTEM_PROMPT_CHARS,
  MAX_TITLE_CHARS,
  REPLY_IDLE_MINUTES_RANGE,
  TEMP_MODEL_LIMIT_RANGE,
} from '../../../src-shared/limits'
import { MAX_MESSAGE_PAGE } from '../../../src-shared/message-pages'
import { PRESET_RULE } from '../../../src-shared/prompt-presets'
import { MAX_SEARCH_OFFSET, MAX_SEARCH_PAGE_SIZE, SEARCH_CURSOR_PATTERN } from '../../../src-shared/search'
import { THEMES } from '../../../src-shared/types'

const none = z.strictObject({})
/** An id as every channel takes it; an import keeps ids only in this shape, or the conversation could not be opened. */
export const idSchema = z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/, 'must be an id')
const id = idSchema
const modelName = z.string().trim().min(1).max(MAX_MODEL_NAME_CHARS)
const messageText = z
  .string()
  .max(200_000, 'is longer than 200,000 characters')
  .refine((text) => text.trim().length > 0, 'is empty')
const title = z.string().trim().min(1).max(MAX_TITLE_CHARS)
const systemPrompt = z.string().max(MAX_SYSTEM_PROMPT_CHARS)
const theme = z.enum(THEMES)
// Bounds only (a string of base64 characters within the size limit); `decodeImages` reads the bytes and says what
// is wrong with an image in a sentence.
const images = z
  .array(z.string().max(MAX_IMAGE_BASE64_CHARS, 'holds an image larger than the limit').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'))
  .max(MAX_IMAGES_PER_MESSAGE, `can carry at most ${MAX_IMAGES_PER_MESSAGE} images`)

/** One numeric option by its shared rule: Ollama's type, ollmchat's range, the rule's words in the message. */
const numericOption = (key: NumericOptionKey) => {
  const rule = numericRule(key)
  const message = `must be ${rangeText(rule)}`
  return (rule.type === 'integer' ? z.int(message) : z.number(message)).min(rule.min, message).max(rule.max, message).exactOptional()
}
const conversationOptions = z.strictObject({
  temperature: numericOption('temperature'),
  top_p: numericOption('top_p'),
  top_k: numericOption('top_k'),
  seed: numericOption('seed'),
  num_predict: numericOption('num_predict'),
  repeat_penalty: numericOption('repeat_penalty'),
  stop: z
    .array(z.string().min(1, 'cannot hold an empty sequence').max(STOP_RULE.maxLength, `holds a sequence longer than ${STOP_RULE.maxLength} characters`))
    .max(STOP_RULE.maxCount, `holds more than ${STOP_RULE.maxCount} sequences`)
    .exactOptional(),
})
const think = z.union([z.boolean(), z.enum(THINK_LEVELS)], 'must be true, false, "low", "medium" or "high"')

export const inputSchemas = {
  'app:getInfo': none,
  'app:openLogFolder': none,
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
  'models:estimateMemory': z.strictObject({ model: modelName, numCtx: z.int().min(1).max(MAX_NUM_CTX) }),
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
  'settings:update': z.strictObject({
    ollamaHost: z.string().trim().max(MAX_HOST_URL_CHARS).nullable().exactOptional(),
    theme: theme.exactOptional(),
    defaultModel: modelName.nullable().exactOptional(),
    lastConversationId: id.nullable().exactOptional(),
    activeHostId: id.nullable().exactOptional(),
    tempModelLimit: z.int().min(TEMP_MODEL_LIMIT_RANGE.min).max(TEMP_MODEL_LIMIT_RANGE.max).exactOptional(),
    notifyTempModelCreated: z.boolean().exactOptional(),
    replyIdleMinutes: z.int().min(REPLY_IDLE_MINUTES_RANGE.min).max(REPLY_IDLE_MINUTES_RANGE.max).exactOptional(),
    // Bounds only; the settings service applies the whole preset rule with a sentence naming the problem.
    systemPromptPresets: z
      .array(z.strictObject({ id, name: z.string().max(PRESET_RULE.maxNameLength * 2), text: z.string().max(PRESET_RULE.maxTextLength) }))
      .max(PRESET_RULE.maxCount, `holds more than ${PRESET_RULE.maxCount} presets`)
      .exactOptional(),
  }),
  'chats:list': none,
  'chats:create': z.strictObject({ model: modelName.nullable(), systemPrompt: systemPrompt.exactOptional() }),
  'chats:get': z.strictObject({
    conversationId: id,
    limit: z.int().min(1).max(MAX_MESSAGE_PAGE).exactOptional(),
    before: id.exactOptional(),
  }),
  'chats:update': z.strictObject({
    conversationId: id,
    title: title.exactOptional(),
    model: modelName.nullable().exactOptional(),
    systemPrompt: systemPrompt.exactOptional(),
    options: conversationOptions.exactOptional(),
    think: think.nullable().exactOptional(),
  }),
  'chats:delete': z.strictObject({ conversationId: id }),
  'chats:restore': z.strictObject({ conversationId: id }),
  'chats:search': z.strictObject({
    query: z.string().max(500),
    limit: z.int().min(1).max(MAX_SEARCH_PAGE_SIZE).exactOptional(),
    offset: z.int().min(0).max(MAX_SEARCH_OFFSET).exactOptional(),
    after: z.string().regex(SEARCH_CURSOR_PATTERN).exactOptional(),
  }),
  'chats:image': z.strictObject({ messageId: id, position: z.int().min(0).max(MAX_IMAGES_PER_MESSAGE - 1) }),
  'chats:continueFromSummary': z.strictObject({ requestId: id, conversationId: id }),
  'chat:send': z.strictObject({ requestId: id, conversationId: id, text: messageText, images: images.exactOptional() }),
  'chat:regenerate': z.strictObject({ requestId: id, conversationId: id }),
  'chat:editAndResend': z.strictObject({ requestId: id, conversationId: id, messageId: id, text: messageText }),
  // One reply runs per conversation, so a window that did not start it can stop it by its conversation.
  'chat:cancel': z.union([z.strictObject({ requestId: id }), z.strictObject({ conversationId: id })]),
  'chat:running': none,
  'chats:showVersion': z.strictObject({ conversationId: id, messageId: id, version: z.number().int().min(1).max(1_000_000) }),
  'data:export': z.strictObject({ requestId: id, format: z.enum(['json', 'markdown']), conversationId: id.exactOptional() }),
  // A character is at least one byte, so this bound is never tighter than the file's; `planImport` checks the bytes.
  'data:import': z.strictObject({ requestId: id, text: z.string().max(MAX_IMPORT_BYTES, 'is a file larger than ollmchat imports') }),
} satisfies { [C in Channel]: z.ZodType<In<C>> }

/** Turns zod's issues into one sentence naming the fields, e.g. `text is empty; model is required`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join('.') : 'input'
      return `${field} ${issue.code === 'unrecognized_keys' ? 'has unknown fields' : issue.message.replace(/^Invalid input: /, '')}`
    })
    .join('; ')
}
