import { ERROR_CODES, type AppError, type ErrorAction, type ErrorCode } from '../../../src-shared/ipc/result'
import { safeOllamaLink } from '../../../src-shared/links'
import { parseNumCtx } from '../../../src-shared/num-ctx'
import type { ContextReport, ContextSource, NoticeInfo, ReplyStats } from '../../../src-shared/types'
import { isRecord } from '../guards'

/**
 * The JSON columns of a message (`error`, `stats`, `context`, `notice`). Stored JSON outlives the code that wrote
 * it, and a damaged or hand-edited file must not put a wrong shape in front of the window, so every value is read
 * field by field: anything that does not fit reads as `null` (or loses only the field that does not fit).
 */

const parseJson = (text: string | null): unknown => {
  if (text === null) return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}

const KNOWN_CODES: ReadonlySet<string> = new Set<string>(ERROR_CODES)
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0
const countOrNull = (value: unknown): number | null => (isCount(value) ? value : null)
const positiveOrNull = (value: unknown): number | null => (isCount(value) && value > 0 ? value : null)

function readAction(value: unknown): ErrorAction | undefined {
  if (!isRecord(value) || typeof value.label !== 'string') return undefined
  // The context the button would set, judged by the one parser: a button must not offer what setting it refuses.
  const numCtx = value.kind === 'set-num-ctx' ? parseNumCtx(value.numCtx) : null
  if (numCtx?.ok === true && typeof value.model === 'string') {
    return { kind: 'set-num-ctx', model: value.model, numCtx: numCtx.value, label: value.label }
  }
  const url = value.kind === 'open-link' && typeof value.url === 'string' ? safeOllamaLink(value.url) : null
  if (url !== null) return { kind: 'open-link', url, label: value.label }
  return undefined
}

/** An `AppError`; a code this version does not know reads as `INTERNAL` rather than reaching the window unknown. */
export function readError(text: string | null): AppError | null {
  const value = parseJson(text)
  if (!isRecord(value) || typeof value.code !== 'string' || typeof value.message !== 'string') return null
  const code: ErrorCode = KNOWN_CODES.has(value.code) ? (value.code as ErrorCode) : 'INTERNAL'
  const error: AppError = { code, message: value.message }
  if (typeof value.detail === 'string') error.detail = value.detail
  const action = readAction(value.action)
  if (action !== undefined) error.action = action
  return error
}

/** JSON for the `error` column, keeping only the fields of `AppError`. */
export function errorToJson(error: AppError | null | undefined): string | null {
  if (!error) return null
  const { code, message, detail, action } = error
  return JSON.stringify({
    code,
    message,
    ...(detail === undefined ? {} : { detail }),
    ...(action === undefined ? {} : { action }),
  })
}

const STAT_KEYS = ['promptTokens', 'replyTokens', 'totalMs', 'tokensPerSecond'] as const

function keepStats(value: Record<string, unknown>): ReplyStats {
  const stats: ReplyStats = {}
  for (const key of STAT_KEYS) {
    const number = value[key]
    if (typeof number === 'number' && Number.isFinite(number)) stats[key] = number
  }
  return stats
}

export function readStats(text: string | null): ReplyStats | null {
  const value = parseJson(text)
  return isRecord(value) ? keepStats(value) : null
}

/** JSON for the `stats` column, keeping only finite numbers of `ReplyStats`. */
export function statsToJson(stats: ReplyStats | null | undefined): string | null {
  return stats ? JSON.stringify(keepStats(stats as Record<string, unknown>)) : null
}

const SOURCES: readonly ContextSource[] = ['custom', 'model', 'ollama-default']

export function readContext(text: string | null): ContextReport | null {
  const value = parseJson(text)
  if (!isRecord(value) || !SOURCES.includes(value.source as ContextSource)) return null
  return {
    asked: positiveOrNull(value.asked),
    source: value.source as ContextSource,
    effective: positiveOrNull(value.effective),
    promptTokens: countOrNull(value.promptTokens),
    replyTokens: countOrNull(value.replyTokens),
    truncated: value.truncated === true,
    droppedMessages: countOrNull(value.droppedMessages) ?? 0,
    messageCut: value.messageCut === true,
    lengthLimited: value.lengthLimited === true,
    systemPromptChars: countOrNull(value.systemPromptChars),
  }
}

export function contextToJson(report: ContextReport | null | undefined): string | null {
  return report ? JSON.stringify(report) : null
}

export function readNotice(text: string | null): NoticeInfo | null {
  const value = parseJson(text)
  if (!isRecord(value)) return null
  switch (value.kind) {
    case 'context-setting':
      return { kind: 'context-setting' }
    case 'continued-from':
      return typeof value.conversationId === 'string' && typeof value.title === 'string'
        ? { kind: 'continued-from', conversationId: value.conversationId, title: value.title }
        : null
    case 'images-not-sent': {
      const count = positiveOrNull(value.count)
      return typeof value.model === 'string' && count !== null
        ? { kind: 'images-not-sent', model: value.model, count }
        : null
    }
    case 'context-truncated':
      return typeof value.model === 'string'
        ? {
            kind: 'context-truncated',
            model: value.model,
            effective: positiveOrNull(value.effective),
            droppedMessages: countOrNull(value.droppedMessages) ?? 0,
            raiseTo: positiveOrNull(value.raiseTo),
            raiseBlockedReason: typeof value.raiseBlockedReason === 'string' ? value.raiseBlockedReason : null,
          }
        : null
    default:
      return null
  }
}

export function noticeToJson(notice: NoticeInfo | null | undefined): string | null {
  return notice ? JSON.stringify(notice) : null
}
