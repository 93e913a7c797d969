/** The shape of a Go struct field, enough to reproduce `encoding/json`'s type errors and field matching. */
export type GoType =
  | { kind: 'string' | 'bool' | 'int' | 'float' | 'any' }
  | { kind: 'map'; type: string }
  | { kind: 'slice'; type: string; elem: GoType }
  | { kind: 'struct'; name: string; type: string; fields: Record<string, GoType> }
  | { kind: 'custom'; check: (value: unknown) => string | undefined }

/** A Go struct type: `name` appears in field errors (`ChatRequest.stream`), `type` in value errors (`api.ChatRequest`). */
export type GoStruct = Extract<GoType, { kind: 'struct' }>

export const goString: GoType = { kind: 'string' }
export const goBool: GoType = { kind: 'bool' }
export const goInt: GoType = { kind: 'int' }
export const goAny: GoType = { kind: 'any' }
export const goObject: GoType = { kind: 'map', type: 'map[string]interface {}' }

class DecodeError extends Error {}

function jsonKind(value: unknown): string {
  if (typeof value === 'string') return 'string'
  if (typeof value === 'number') return 'number'
  if (typeof value === 'boolean') return 'bool'
  if (Array.isArray(value)) return 'array'
  return 'object'
}

function typeName(type: GoType): string {
  switch (type.kind) {
    case 'string':
    case 'bool':
    case 'int':
      return type.kind
    case 'float':
      return 'float64'
    case 'map':
    case 'slice':
    case 'struct':
      return type.type
    default:
      return 'interface {}'
  }
}

interface Context {
  struct: string | undefined
  path: string[]
}

function mismatch(value: string, type: GoType, ctx: Context): DecodeError {
  const target = typeName(type)
  if (ctx.struct === undefined)
    return new DecodeError(`json: cannot unmarshal ${value} into Go value of type ${target}`)
  return new DecodeError(
    `json: cannot unmarshal ${value} into Go struct field ${ctx.struct}.${ctx.path.join('.')} of type ${target}`,
  )
}

function findField(fields: Record<string, GoType>, key: string): string | undefined {
  if (key in fields) return key
  const lower = key.toLowerCase()
  return Object.keys(fields).find((name) => name.toLowerCase() === lower)
}

function decodeValue(type: GoType, value: unknown, ctx: Context): unknown {
  if (value === null) return undefined
  switch (type.kind) {
    case 'any':
      return value
    case 'custom': {
      const error = type.check(value)
      if (error !== undefined) throw new DecodeError(error)
      return value
    }
    case 'string':
      if (typeof value !== 'string') throw mismatch(jsonKind(value), type, ctx)
      return value
    case 'bool':
      if (typeof value !== 'boolean') throw mismatch(jsonKind(value), type, ctx)
      return value
    case 'float':
      if (typeof value !== 'number') throw mismatch(jsonKind(value), type, ctx)
      return value
    case 'int':
      if (typeof value !== 'number') throw mismatch(jsonKind(value), type, ctx)
      if (!Number.isInteger(value)) throw mismatch(`number ${String(value)}`, type, ctx)
      return value
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value)) throw mismatch(jsonKind(value), type, ctx)
      return value
    case 'slice':
      if (!Array.isArray(value)) throw mismatch(jsonKind(value), type, ctx)
      return value.map((item: unknown) => decodeValue(type.elem, item, ctx))
    case 'struct': {
      if (typeof value !== 'object' || Array.isArray(value)) throw mismatch(jsonKind(value), type, ctx)
      const out: Record<string, unknown> = {}
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        const field = findField(type.fields, key)
        const fieldType = field === undefined ? undefined : type.fields[field]
        if (field === undefined || fieldType === undefined) continue
        const decoded = decodeValue(fieldType, item, { struct: type.name, path: [...ctx.path, field] })
        if (decoded !== undefined) out[field] = decoded
      }
      return out
    }
  }
}

const LITERALS: Record<string, string> = { t: 'true', f: 'false', n: 'null' }

function syntaxError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : ''
  const start = text.search(/\S/)
  const literal = LITERALS[text[start] ?? '']
  if (literal !== undefined) {
    for (let i = 1; i < literal.length; i++) {
      const ch = text[start + i]
      if (ch === undefined) return 'unexpected EOF'
      if (ch !== literal[i]) return `invalid character '${ch}' in literal ${literal} (expecting '${literal[i] ?? ''}')`
    }
  }
  if (/end of JSON input|Unterminated/i.test(message)) return 'unexpected EOF'
  const position = /position (\d+)/.exec(message)?.[1]
  const ch = text[position === undefined ? start : Number(position)] ?? ''
  return `invalid character '${ch}' looking for beginning of value`
}

/**
 * Decodes a request body as gin's `ShouldBindJSON` would into `type`: empty body → `missing request body`,
 * syntax and type errors → Go's messages, keys matched case-insensitively, unknown keys dropped, `null` = absent.
 */
export function decodeBody<T>(type: GoStruct, text: string): { value: T } | { error: string } {
  if (text.trim() === '') return { error: 'missing request body' }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    return { error: syntaxError(text, error) }
  }
  try {
    const value = decodeValue(type, parsed, { struct: undefined, path: [] })
    return { value: (value ?? {}) as T }
  } catch (error) {
    if (error instanceof DecodeError) return { error: error.message }
    throw error
  }
}
