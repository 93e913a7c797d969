import { z } from 'zod'
import type { NumCtx } from '../../../src-shared/num-ctx'
import { modelOptionsSchema } from './stored-shapes'

/**
 * Reading the settings store with the stored shapes (`stored-shapes.ts`). The file store validates with conf's
 * schema, derived from the same shapes, but a store need not validate (tests use a plain map, and a newer version
 * may have written values this one does not know), so every read checks again and anything that does not fit reads
 * as its default. Maps are read entry by entry: one damaged entry does not take the others with it.
 */

/** `value` as `schema` reads it, or `fallback` when it does not fit. */
export function readStored<T>(schema: z.ZodType<T>, value: unknown, fallback: T): T {
  const parsed = schema.safeParse(value)
  return parsed.success ? parsed.data : fallback
}

/** The options this version uses, per model key. */
export type ReadModelOptions = Record<string, { numCtx: NumCtx }>

const anyMap = z.record(z.string(), z.unknown())

/** One host's options, entry by entry: an entry without a readable `numCtx` reads as absent. */
export function readModelOptions(value: unknown): ReadModelOptions {
  return Object.fromEntries(
    Object.entries(readStored(anyMap, value, {})).flatMap(([key, entry]) => {
      const numCtx = readStored(modelOptionsSchema, entry, {}).numCtx
      return numCtx === undefined ? [] : [[key, { numCtx }]]
    }),
  )
}

/**
 * One model's `numCtx` on one host, read from the stored options (keyed by host address, then by model key) as
 * `readHostOptions` would read it, without reading any other entry: a reply start asks for one.
 */
export function readHostModelNumCtx(value: unknown, host: string, modelKey: string): NumCtx | null {
  // Not `anyMap`: parsing a map copies all of it, and only one entry of each is looked at.
  const entryOf = (map: unknown, key: string): unknown =>
    typeof map === 'object' && map !== null && !Array.isArray(map) && Object.hasOwn(map, key)
      ? (map as Record<string, unknown>)[key]
      : undefined
  return readStored(modelOptionsSchema, entryOf(entryOf(value, host), modelKey), {}).numCtx ?? null
}

/** Options keyed by host address, then by model key. */
export function readHostOptions(value: unknown): Record<string, ReadModelOptions> {
  return Object.fromEntries(
    Object.entries(readStored(anyMap, value, {})).map(([host, options]) => [host, readModelOptions(options)]),
  )
}
