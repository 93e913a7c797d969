import { goQuote } from './go-format'
import type { ModelName } from './names'

/** The blob directory of the simulated install: `envconfig.Models()` for root, as in the official Docker image. */
export const BLOBS_DIR = '/root/.ollama/models/blobs'

/** `manifest.BlobsPath`: `<models>/blobs/sha256-<hex>`. */
export function blobPath(digest: string): string {
  return `${BLOBS_DIR}/${digest.replace(':', '-')}`
}

/**
 * `server/images.go` `PullModel` wraps a failed `pullModelManifest` as `pull model manifest: %s`; the registry's 404
 * becomes `os.ErrNotExist` in `makeRequestWithRetry`, whose text is `file does not exist`.
 */
export const MANIFEST_NOT_FOUND = 'pull model manifest: file does not exist'

/**
 * `PullModel` when the registry's name does not resolve (no network, no DNS): `pull model manifest: %s` around Go's
 * `*url.Error` (`Get "<url>": …`, the URL built by `pullModelManifest` from `Name.BaseURL` and
 * `DisplayNamespaceModel`), around `*net.OpError` (`dial tcp: …`, no address yet), around `*net.DNSError`. This is
 * the text of the OS resolver (macOS, Windows, cgo); Go's own resolver on Linux names the DNS server too
 * (`lookup registry.ollama.ai on 127.0.0.53:53: no such host`, or `… server misbehaving`), as users report
 * (ollama/ollama#3434, #4402, #8065).
 */
export function registryUnreachable(name: ModelName): string {
  const url = `https://${name.host}/v2/${name.namespace}/${name.model}/manifests/${name.tag}`
  const hostname = name.host.replace(/:\d+$/, '')
  return `pull model manifest: Get ${goQuote(url)}: dial tcp: lookup ${hostname}: no such host`
}

/**
 * `server/download.go`: a part's write to the sparse `<blob>-partial` file fails with ENOSPC; `run` returns that error
 * at once (no retry) and `PullModel` relays it unwrapped: `os.File.WriteAt`'s `*PathError`, `write <path>: <errno>`.
 */
export function noSpaceLeft(digest: string): string {
  return `write ${blobPath(digest)}-partial: no space left on device`
}
