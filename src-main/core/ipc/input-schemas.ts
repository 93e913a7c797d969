/**
 * Runtime validators for every channel's input: the renderer is untrusted, so nothing reaches a handler
 * without passing its schema. The mapped type makes a channel without a schema a compile error, and the
 * output check below makes a schema that disagrees with the contract one too.
 */
import { z } from 'zod'
import { MAX_HEADER_NAME_LENGTH, MAX_HEADER_VALUE_LENGTH, MAX_HEADERS } from '../../../src-shared/header-rule'
import type { Channel, In } from '../../../src-shared/ipc/contract'
import { MAX_NUM_CTX, MAX_SYSTEM_PROMPT_CHARS, TEMP_MODEL_LIMIT_RANGE } from '../../../src-shared/limits'
import { MAX_MESSAGE_PAGE } from '../../../src-shared/message-pages'
import { MAX_SEARCH_OFFSET, MAX_SEARCH_PAGE_SIZE, SEARCH_CURSOR_PATTERN } from '../../../src-shared/search'
import { THEMES } from '../../../src-shared/types'

const none = z.strictObject({})
const id = z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/, 'must be an id')
const modelName = z.string().trim().min(1).max(512)
const messageText = z
  .string()
  .max(200_000, 'is longer than 200,000 characters')
  .refine((text) => text.trim().length > 0, 'is empty')
const title = z.string().trim().min(1).max(200)
const systemPrompt = z.string().max(MAX_SYSTEM_PROMPT_CHARS)
const theme = z.enum(THEMES)

export const inputSchemas = {
  'app:getInfo': none,
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
    url: z.string().trim().min(1).max(500),
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
    ollamaHost: z.string().trim().max(500).nullable().exactOptional(),
    theme: theme.exactOptional(),
    defaultModel: modelName.nullable().exactOptional(),
    lastConversationId: id.nullable().exactOptional(),
    activeHostId: id.nullable().exactOptional(),
    tempModelLimit: z.int().min(TEMP_MODEL_LIMIT_RANGE.min).max(TEMP_MODEL_LIMIT_RANGE.max).exactOptional(),
    notifyTempModelCreated: z.boolean().exactOptional(),
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
  }),
  'chats:delete': z.strictObject({ conversationId: id }),
  'chats:restore': z.strictObject({ conversationId: id }),
  'chats:search': z.strictObject({
    query: z.string().max(500),
    limit: z.int().min(1).max(MAX_SEARCH_PAGE_SIZE).exactOptional(),
    offset: z.int().min(0).max(MAX_SEARCH_OFFSET).exactOptional(),
    after: z.string().regex(SEARCH_CURSOR_PATTERN).exactOptional(),
  }),
  'chats:continueFromSummary': z.strictObject({ requestId: id, conversationId: id }),
  'chat:send': z.strictObject({ requestId: id, conversationId: id, text: messageText }),
  'chat:regenerate': z.strictObject({ requestId: id, conversationId: id }),
  'chat:editAndResend': z.strictObject({ requestId: id, conversationId: id, messageId: id, text: messageText }),
  'chat:cancel': z.strictObject({ requestId: id }),
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
