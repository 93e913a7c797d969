// Reading `/api/tags`: checked entry by entry, giving the event loop turns on a big listing; errors name the entry.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { countTurns } from '../../test-support/event-loop-turns'
import { timeSlicer } from '../time-slice'
import { MalformedResponseError } from './errors'
import { readTags, readTagsOf } from './read-tags'

const entry = (name: string) => ({
  name,
  model: name,
  modified_at: '2026-05-01T10:00:00.000000001Z',
  size: 4_661_212_539,
  digest: 'e815c7d9e3969e636ed3145a553670ec7ce2f79a8750392daeefe9e0b423b83f',
  details: {
    parent_model: 'llama3:latest',
    format: 'gguf',
    family: 'llama',
    families: ['llama'],
    parameter_size: '8.0B',
    quantization_level: 'Q4_0',
  },
  capabilities: ['completion'],
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('readTags', () => {
  it('reads each entry as before: name, parent, details, capabilities, remote', async () => {
    const [listed] = await readTags({
      models: [{ ...entry('ollmchat-temp/llama3-oc4096:latest'), remote_host: 'https://ollama.com:443' }],
    })
    expect(listed).toEqual({
      name: 'ollmchat-temp/llama3-oc4096:latest',
      digest: entry('x').digest,
      sizeBytes: 4_661_212_539,
      modifiedAt: '2026-05-01T10:00:00.000000001Z',
      parentModel: 'llama3:latest',
      format: 'gguf',
      family: 'llama',
      families: ['llama'],
      parameterSize: '8.0B',
      quantization: 'Q4_0',
      contextLength: null,
      capabilities: ['completion'],
      isRemote: true,
    })
    expect(await readTags({ models: null })).toEqual([])
  })

  it('gives the event loop a turn between entries once the time slice is used up', async () => {
    const models = Array.from({ length: 40 }, (_, i) => entry(`ollmchat-temp/llama3-oc${4096 + i}:latest`))
    const turns = countTurns()
    // A slice of 0 ms is always used up: every entry is followed by a turn.
    const listed = await readTags({ models }, timeSlicer(0))
    expect(turns.stop()).toBeGreaterThanOrEqual(models.length - 1)
    expect(listed.map((m) => m.name)).toEqual(models.map((m) => m.name))
  })

  it('of an answer on its way: a small listing pauses only after an answer slower than a slice, and then once', async () => {
    let clock = 0
    vi.spyOn(performance, 'now').mockImplementation(() => clock)
    const small = { models: [entry('a:latest'), entry('b:latest'), entry('c:latest')] }
    const fast = countTurns()
    await readTagsOf(Promise.resolve(small))
    expect(fast.stop()).toBe(0)
    let arrive: (body: unknown) => void = () => {}
    const reading = readTagsOf(new Promise((resolve) => (arrive = resolve)))
    clock = 20
    const slow = countTurns()
    arrive(small)
    expect((await reading).map((m) => m.name)).toEqual(['a:latest', 'b:latest', 'c:latest'])
    expect(slow.stop()).toBe(1)
  })

  it('fails on a wrong entry with MalformedResponseError naming it and its field', async () => {
    const wrongDigest = { models: [entry('a:latest'), { ...entry('b:latest'), digest: 1 }] }
    const error = await readTags(wrongDigest).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MalformedResponseError)
    expect((error as MalformedResponseError).detail).toMatch(/^models\.1\.digest: /)
    const nameless = await readTags({ models: [{ ...entry(''), model: '' }] }).catch((e: unknown) => e)
    expect((nameless as MalformedResponseError).detail).toBe('models.0: model entry without a name')
    const notAList = await readTags({ models: 'none' }).catch((e: unknown) => e)
    expect((notAList as MalformedResponseError).detail).toMatch(/^models: /)
  })
})
