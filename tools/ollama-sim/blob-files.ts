import { configOf, layersOf } from './manifest'
import type { Layer, StoredModel } from './manifest'
import type { ModelStore } from './model-store'

/** One part of a blob download, as its `<blob>-partial-N` file records it (`server/download.go` `blobDownloadPart`). */
export interface PartRecord {
  offset: number
  size: number
  /** Bytes of the part saved: `downloadChunk` writes this when the part's transfer stops (done, cancelled, cut). */
  completed: number
  /**
   * How far into the part bytes were ever written, i.e. the blocks of the sparse `-partial` file in use. The
   * simulator's own bookkeeping (Go records no such number): it is what the part took from the free disk space,
   * and a resumed part rewrites up to it without taking more.
   */
  written: number
}

/** A blob whose download has not finished: its `-partial` file and the records of its parts. */
export interface PartialBlob {
  digest: string
  parts: PartRecord[]
}

/** Every blob of a manifest: its layers, then its config (`PullModel`'s order). */
export function blobsOf(model: StoredModel): Layer[] {
  return [...layersOf(model), configOf(model)]
}

/**
 * The blob directory (`~/.ollama/models/blobs`) and the disk under it: the blobs manifests reference, blobs pulls
 * downloaded (kept when a pull stopped before writing its manifest, as Ollama keeps them), `-partial` downloads,
 * and the free space. Only downloads use up space; the few-KB blobs `/api/create` writes are not counted.
 */
export class BlobFiles {
  private readonly downloaded = new Map<string, number>()
  private readonly partials = new Map<string, PartialBlob>()

  constructor(
    private readonly store: ModelStore,
    /** Free bytes on the disk; `Infinity` for plenty. Downloads take from it (`blob-download.ts`). */
    public freeBytes: number,
  ) {}

  /** `os.Stat` of the blob file succeeds: a manifest references it, or a pull finished downloading it. */
  has(digest: string): boolean {
    return this.downloaded.has(digest) || this.store.hasBlob(digest)
  }

  /** A finished download renamed from `-partial` to the blob (same blocks, so no change in free space). */
  addDownloaded(digest: string, size: number): void {
    this.downloaded.set(digest, size)
    this.partials.delete(digest)
  }

  partial(digest: string): PartialBlob | undefined {
    return this.partials.get(digest)
  }

  /** `blobDownload.Prepare` wrote the part files of a new download. */
  keepPartial(partial: PartialBlob): void {
    this.partials.set(partial.digest, partial)
  }

  /** The saved bytes of a `-partial` download: where the next download of the blob starts. */
  partialBytes(digest: string): number {
    return (this.partials.get(digest)?.parts ?? []).reduce((sum, part) => sum + part.completed, 0)
  }

  /**
   * `Manifest.RemoveLayers` (delete) and `deleteUnusedLayers` (pull): removes each blob of a manifest that was just
   * deleted or replaced when no remaining manifest references it, giving its size back to the disk.
   */
  removeUnreferenced(blobs: Layer[]): void {
    for (const blob of new Map(blobs.map((b) => [b.digest, b])).values()) {
      if (this.store.hasBlob(blob.digest)) continue
      this.downloaded.delete(blob.digest)
      this.freeBytes += blob.size
    }
  }
}
