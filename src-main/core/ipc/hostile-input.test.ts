// Every request channel's input schema against hostile values, the way a compromised page could send them: wrong
// types, NaN, 1 MB strings, objects nested 10,000 deep, prototype keys, huge arrays, unknown fields. A fixed list,
// not random inputs, so the case count in docs/reliability.md is the same on every run.
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { CHANNELS, type Channel } from '../../../src-shared/ipc/contract'
import { createMemoryLogger } from '../log'
import { recordReliability } from '../../test-support/reliability-record'
import { createDispatcher, type Handlers } from './dispatch'
import { inputSchemas } from './input-schemas'

const nestedDeep = (depth: number): unknown => {
  let value: unknown = 'bottom'
  for (let level = 0; level < depth; level++) value = { a: value }
  return value
}

/** Hostile values by kind, each the row it counts on in the report; none can be a valid value of any field. */
const HOSTILE_VALUES: Record<string, unknown[]> = {
  'NaN and infinities': [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
  'a 1 MB string': ['x'.repeat(1024 * 1024)],
  'an object nested 10,000 deep': [nestedDeep(10_000)],
  // JSON.parse makes `__proto__` an own key, as a request body parsed by the browser-mode server would have it.
  'prototype keys (`__proto__`, `constructor.prototype`)': [
    JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
    { constructor: { prototype: { polluted: true } } },
  ],
  'an array of 100,000 items': [Array.from({ length: 100_000 }, () => 'a')],
}

/** Whole inputs of the wrong type; `null` and `undefined` are left out, since they stand for "no input" ({}). */
const WRONG_TYPES: unknown[] = [42, 'conversations:list', true, [], [{}], Number.NaN]

/** The fields of a channel's input, from its schema (a union, as `chat:cancel` takes, contributes every option's). */
function fieldsOf(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape)
  if (schema instanceof z.ZodUnion) return [...new Set((schema.options as z.ZodType[]).flatMap(fieldsOf))]
  throw new Error('Every channel takes an object or a union of objects; teach this test the new shape.')
}

/** Each hostile input of one kind for one channel: every value as the whole input, or in each field alone. */
function inputsFor(channel: Channel): { kind: string; input: unknown }[] {
  const fields = fieldsOf(inputSchemas[channel])
  const inputs = WRONG_TYPES.map((input) => ({ kind: 'wrong types for the whole input', input }))
  inputs.push({ kind: 'unknown fields', input: { sql: 'DROP TABLE conversations' } })
  for (const [kind, values] of Object.entries(HOSTILE_VALUES)) {
    for (const value of values) {
      inputs.push({ kind, input: value })
      for (const field of fields) inputs.push({ kind, input: { [field]: value } })
    }
  }
  return inputs
}

describe('hostile IPC input', () => {
  let handled = 0
  const handlers = Object.fromEntries(
    CHANNELS.map((channel) => [channel, () => Promise.resolve(void handled++)]),
  ) as unknown as Handlers
  const dispatch = createDispatcher(handlers, createMemoryLogger())

  it.each(CHANNELS)('%s answers every hostile input with a typed error, before its handler runs', async (channel) => {
    const inputs = inputsFor(channel)
    // One row per kind, summed over the channels by the report; a failing channel fails every case it declared.
    for (const kind of new Set(inputs.map((hostile) => hostile.kind))) {
      const cases = inputs.filter((hostile) => hostile.kind === kind).length
      recordReliability({ topic: 'Hostile IPC input', check: `${kind}, on every request channel`, cases })
    }
    for (const { kind, input } of inputs) {
      const result = await dispatch(channel, input)
      expect(result, `${channel} with ${kind}`).toEqual({
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: expect.stringMatching(/^That request was not valid: .+\.$/) as string,
        },
      })
      // A sentence about the fields, never the hostile value echoed back.
      if (!result.ok) expect(result.error.message.length).toBeLessThan(1_000)
    }
    expect(handled).toBe(0)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })
})
