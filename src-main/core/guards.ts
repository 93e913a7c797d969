/** True for a plain JSON-like object (not `null`, not an array), so its fields can be read one by one. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The message of anything thrown, for a log line: an `Error`'s message, else the value as text. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))
