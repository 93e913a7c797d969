import { BlobDownload, planParts } from './blob-download'
import type { PartialBlob } from './blob-files'
import type { Layer } from './manifest'
import type { SimState } from './state'

/** `blobDownload.Wait`'s ticker: one progress line per 60 ms while a blob downloads. */
export const PROGRESS_TICK_MS = 60

/** How fetching one blob ended for this pull. */
export type BlobOutcome = { kind: 'ok' } | { kind: 'error'; message: string } | { kind: 'gone' }

/** A pull's progress line about a blob; `total` and `completed` are `omitempty` in `api.ProgressResponse`. */
export function progressLine(digest: string, total: number, completed: number): Record<string, unknown> {
  const line: Record<string, unknown> = { status: `pulling ${digest.slice(7, 19)}`, digest }
  if (total !== 0) line.total = total
  if (completed !== 0) line.completed = completed
  return line
}

/**
 * `blobDownload.Prepare` reads the part files a stopped download left (so it resumes there, `b.Completed` starting
 * at their sum) or plans new parts from the blob's size; then `Run` starts the transfer on its own.
 */
function startDownload(state: SimState, blob: Layer): BlobDownload {
  const partial: PartialBlob = state.blobs.partial(blob.digest) ?? { digest: blob.digest, parts: planParts(blob.size) }
  state.blobs.keepPartial(partial)
  const host = { blobs: state.blobs, bytesPerSecond: () => state.pullBytesPerSecond }
  const download = new BlobDownload(partial, host, state.registryLatencyMs, () => state.downloads.delete(blob.digest))
  state.downloads.set(blob.digest, download)
  return download
}

/**
 * `blobDownload.Wait`: every 60 ms a line with the download's `Total` and `Completed`, the first one 60 ms in; none
 * when it ends, so a small blob may have no line at all and the last line of a large one is usually short of its
 * total. Returns when the download ends or the client goes away (this pull's `release`).
 */
async function wait(
  download: BlobDownload,
  clientGone: Promise<void>,
  emit: (line: Record<string, unknown>) => void,
): Promise<BlobOutcome> {
  download.acquire()
  let tick: () => void = () => {}
  const ticker = setInterval(() => tick(), PROGRESS_TICK_MS)
  try {
    const ended = download.ended.then((error) => ({ error }))
    const gone = clientGone.then(() => 'gone' as const)
    for (;;) {
      const ticked = new Promise<'tick'>((resolve) => (tick = () => resolve('tick')))
      const next = await Promise.race([ended, gone, ticked])
      if (next === 'gone') return { kind: 'gone' }
      if (next === 'tick') emit(progressLine(download.partial.digest, download.total, download.completed()))
      else return next.error === undefined ? { kind: 'ok' } : { kind: 'error', message: next.error }
    }
  } finally {
    clearInterval(ticker)
    download.release()
  }
}

/**
 * `server/download.go` `downloadBlob`: a blob already in the models directory gets one line with completed = total;
 * otherwise the pull joins the download of that blob under way (another pull's) or starts one, and waits on it.
 */
export async function downloadBlob(
  state: SimState,
  blob: Layer,
  clientGone: Promise<void>,
  emit: (line: Record<string, unknown>) => void,
): Promise<BlobOutcome> {
  if (state.blobs.has(blob.digest)) {
    emit(progressLine(blob.digest, blob.size, blob.size))
    return { kind: 'ok' }
  }
  const download = state.downloads.get(blob.digest) ?? startDownload(state, blob)
  return wait(download, clientGone, emit)
}
