import { performance } from 'node:perf_hooks'
import type { BlobFiles, PartialBlob, PartRecord } from './blob-files'
import { noSpaceLeft } from './pull-errors'

// `server/download.go`: a blob is cut into parts of total/16 bytes, at least 100 MB and at most 1000 MB
// (`format.MegaByte` is 10^6), and at most 16 parts transfer at once (`g.SetLimit(numDownloadParts)`).
const NUM_DOWNLOAD_PARTS = 16
const MIN_DOWNLOAD_PART_SIZE = 100 * 1000 * 1000
const MAX_DOWNLOAD_PART_SIZE = 1000 * 1000 * 1000
/** How often the simulated link delivers bytes; fine enough that a 60 ms progress tick sees steady growth. */
const TRANSFER_STEP_MS = 10

/** `blobDownload.Prepare` for a blob without part files: the part layout of a new download. */
export function planParts(total: number): PartRecord[] {
  let size = Math.min(Math.max(Math.trunc(total / NUM_DOWNLOAD_PARTS), MIN_DOWNLOAD_PART_SIZE), MAX_DOWNLOAD_PART_SIZE)
  const parts: PartRecord[] = []
  for (let offset = 0; offset < total; offset += size) {
    if (offset + size > total) size = total - offset
    parts.push({ offset, size, completed: 0, written: 0 })
  }
  return parts
}

/** What a download reads from the simulator while it runs (so `configure` takes effect at once). */
export interface DownloadHost {
  blobs: BlobFiles
  bytesPerSecond(): number
}

/**
 * One blob transfer (`server/download.go` `blobDownload`), running on its own like Ollama's goroutine: the link's
 * bytes are shared by the first 16 unfinished parts; a part saves its progress (`writePart`) when its transfer stops.
 * Pulls of the same blob share it; when the last one leaves (its client went away) it is cancelled and every part
 * saves what it has, so the next download resumes there. A write that finds the disk full fails that part — its
 * bytes of this attempt are rolled back (`b.Completed.Add(-n)`, no `writePart`) while the blocks stay written — the
 * other parts save theirs, and the download ends with ENOSPC without retrying.
 */
export class BlobDownload {
  /** `b.Total`: the sum of the part sizes. */
  readonly total: number
  /** Bytes each part wrote in this attempt, not saved yet. */
  private readonly attempt: number[]
  private refs = 0
  private carry = 0
  /** When bytes start to flow: after the redirect and range requests (`run`, `downloadChunk`). */
  private last: number
  private over = false
  private readonly timer: NodeJS.Timeout
  private resolveEnd: (error: string | undefined) => void = () => {}
  /** Resolves once the download stops: undefined when the blob is complete, else the error `Wait` returns. */
  readonly ended: Promise<string | undefined>

  constructor(
    readonly partial: PartialBlob,
    private readonly host: DownloadHost,
    latencyMs: number,
    private readonly onEnd: () => void,
  ) {
    this.last = performance.now() + Math.max(0, latencyMs)
    this.total = partial.parts.reduce((sum, part) => sum + part.size, 0)
    this.attempt = partial.parts.map(() => 0)
    this.ended = new Promise((resolve) => (this.resolveEnd = resolve))
    this.timer = setInterval(() => this.step(), TRANSFER_STEP_MS)
    this.timer.unref()
  }

  /** `b.Completed`: saved bytes plus what this attempt has written. */
  completed(): number {
    return this.partial.parts.reduce((sum, part, i) => sum + part.completed + (this.attempt[i] ?? 0), 0)
  }

  /** `blobDownload.acquire`: one more pull waits on this download. */
  acquire(): void {
    this.refs++
  }

  /** `blobDownload.release`: the last pull to leave cancels the download. */
  release(): void {
    this.refs--
    if (this.refs <= 0) this.stop('context canceled')
  }

  /** Cancels the download whoever waits on it (the simulator is closing). */
  cancel(): void {
    this.stop('context canceled')
  }

  private remaining(i: number): number {
    const part = this.partial.parts[i]
    return part === undefined ? 0 : part.size - part.completed - (this.attempt[i] ?? 0)
  }

  /** The parts transferring now: the first 16 unfinished ones, as the errgroup starts them in order. */
  private activeParts(): number[] {
    const active: number[] = []
    for (let i = 0; i < this.partial.parts.length && active.length < NUM_DOWNLOAD_PARTS; i++) {
      if (this.remaining(i) > 0) active.push(i)
    }
    return active
  }

  private step(): void {
    const now = performance.now()
    if (this.over || now < this.last) return
    const budget = this.carry + (Math.max(0, this.host.bytesPerSecond()) * (now - this.last)) / 1000
    this.last = now
    let bytes = Math.floor(budget)
    this.carry = budget - bytes
    for (let active = this.activeParts(); bytes > 0 && active.length > 0; active = this.activeParts()) {
      const share = Math.max(1, Math.floor(bytes / active.length))
      for (const i of active) {
        const take = Math.min(share, bytes, this.remaining(i))
        if (!this.write(i, take)) return this.failNoSpace(i)
        bytes -= take
        if (this.remaining(i) === 0) this.save(i)
        if (bytes === 0) break
      }
    }
    if (this.activeParts().length === 0) this.finish()
  }

  /** Writes `take` bytes at the part's position; false when the disk filled up on the way. */
  private write(i: number, take: number): boolean {
    const part = this.partial.parts[i]
    if (part === undefined) return true
    const end = part.completed + (this.attempt[i] ?? 0) + take
    const grow = Math.max(0, end - part.written)
    const blobs = this.host.blobs
    if (grow > blobs.freeBytes) {
      part.written += blobs.freeBytes
      blobs.freeBytes = 0
      return false
    }
    blobs.freeBytes -= grow
    part.written += grow
    this.attempt[i] = (this.attempt[i] ?? 0) + take
    return true
  }

  /** `writePart` after the part's transfer stopped. */
  private save(i: number): void {
    const part = this.partial.parts[i]
    if (part !== undefined) part.completed += this.attempt[i] ?? 0
    this.attempt[i] = 0
  }

  private failNoSpace(i: number): void {
    this.attempt[i] = 0
    this.stop(noSpaceLeft(this.partial.digest))
  }

  /** Every part done: the `-partial` file is renamed to the blob. */
  private finish(): void {
    this.host.blobs.addDownloaded(this.partial.digest, this.total)
    this.stop(undefined)
  }

  private stop(error: string | undefined): void {
    if (this.over) return
    this.over = true
    clearInterval(this.timer)
    this.partial.parts.forEach((_, i) => this.save(i))
    this.onEnd()
    this.resolveEnd(error)
  }
}
