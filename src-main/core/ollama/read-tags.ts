import { z } from 'zod'
import { timeSlicer } from '../time-slice'
import type { ListedModel } from './types'
import { detailsSchema, hasName, nameFields, nameOf, nameRequired, parse, text } from './wire'

/** One `/api/tags` entry; see `wire.ts` for what the optional fields mean. */
const listedSchema = z
  .object({
    ...nameFields,
    digest: z.string(),
    size: z.number(),
    modified_at: z.string(),
    details: detailsSchema,
    capabilities: z.array(z.string()).nullish(),
    remote_model: text,
    remote_host: text,
  })
  .refine(hasName, nameRequired)

/** The envelope only: its entries are checked one by one (`readTags`). */
const tagsSchema = z.object({ models: z.array(z.unknown()).nullable() })

function toListed(m: z.infer<typeof listedSchema>): ListedModel {
  return {
    name: nameOf(m),
    digest: m.digest,
    sizeBytes: m.size,
    modifiedAt: m.modified_at,
    parentModel: m.details?.parent_model ?? '',
    format: m.details?.format || null,
    family: m.details?.family || null,
    families: m.details?.families ?? [],
    parameterSize: m.details?.parameter_size || null,
    quantization: m.details?.quantization_level || null,
    contextLength: m.details?.context_length || null,
    capabilities: m.capabilities ?? [],
    isRemote: Boolean(m.remote_host || m.remote_model),
  }
}

/**
 * `/api/tags` → `ListedModel[]`; throws `MalformedResponseError` naming the first wrong field (`models.3.digest`),
 * as one check of the whole answer would. The entries are checked one at a time with `await pause()` before each,
 * so a listing of thousands of models (a few megabytes; the clean-up reads one at start-up) gives the event loop a
 * turn every few milliseconds instead of holding it for the whole check. A listing checked within the slice given
 * never pauses (with the default, one started by this call: every small listing).
 */
export async function readTags(body: unknown, pause: () => Promise<void> = timeSlicer()): Promise<ListedModel[]> {
  const entries = parse(tagsSchema, body, '/api/tags answer').models ?? []
  const models: ListedModel[] = []
  for (const [index, entry] of entries.entries()) {
    await pause()
    models.push(toListed(parse(listedSchema, entry, '/api/tags answer', ['models', index])))
  }
  return models
}

/**
 * `readTags` of an answer on its way (`ollama.list()`), with the time slice started before it arrives: the answer is
 * read and parsed as JSON in the same task that then checks it (over 10 ms for a few megabytes), so a listing that
 * took longer than a slice gives the event loop a turn before its check begins. The wait for the answer cannot be
 * told apart from that parse, so a small listing also pauses once, before its first entry, after a request slower
 * than a slice: one turn of the event loop (microseconds) after a wait of more than 10 ms.
 */
export async function readTagsOf(answer: Promise<unknown>): Promise<ListedModel[]> {
  const pause = timeSlicer()
  return readTags(await answer, pause)
}
