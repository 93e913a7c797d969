import { createHash } from 'node:crypto'
import { hostname } from 'node:os'
import type { SimCloudAuth } from './types'

/**
 * True when the model string selects the cloud (`internal/modelref/modelref.go` `parseSourceSuffix`): a last
 * `:cloud` part or a tag ending in `-cloud`. `ChatHandler` and `GenerateHandler` (`server/routes.go`) send such a
 * request straight to `proxyCloudJSONRequest`, before looking the model up.
 */
export function isCloudRef(raw: string): boolean {
  const trimmed = raw.trim()
  const colon = trimmed.lastIndexOf(':')
  if (colon < 0) return false
  const suffix = trimmed.slice(colon + 1).trim()
  const lower = suffix.toLowerCase()
  return lower === 'cloud' || (!suffix.includes('/') && lower.endsWith('-cloud'))
}

/** `internal/cloud/policy.go` `DisabledError(cloudErrRemoteInferenceUnavailable)` (`server/routes.go`). */
export const CLOUD_DISABLED_MESSAGE = 'ollama cloud is disabled: remote model is unavailable'

// Go's url.PathEscape leaves these ASCII characters as they are (it escapes '/', ';', ',', '?' and the rest);
// encodeURIComponent would escape some of them.
const PATH_SAFE = /[A-Za-z0-9\-_.~$&+:=@]/

function goPathEscape(segment: string): string {
  let out = ''
  for (const byte of Buffer.from(segment, 'utf8')) {
    const ch = String.fromCharCode(byte)
    out += byte < 0x80 && PATH_SAFE.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/**
 * A stable stand-in for `auth.GetPublicKey`: an ed25519 public key in authorized_keys form (`ssh-ed25519 AAAA…`).
 * The 32 key bytes are derived from the host name, so the URL stays the same across runs on one machine.
 */
function publicKey(host: string): string {
  const type = Buffer.from('ssh-ed25519')
  const key = createHash('sha256').update(`ollama-sim:${host}`).digest()
  const length = (n: number) => {
    const b = Buffer.alloc(4)
    b.writeUInt32BE(n)
    return b
  }
  return `ssh-ed25519 ${Buffer.concat([length(type.length), type, length(key.length), key]).toString('base64')}`
}

/**
 * `server/routes.go` `signinURL`: `https://ollama.com/connect?name=%s&key=%s` with the host name path-escaped and
 * the public key in unpadded base64url.
 */
export function signinUrl(host = hostname()): string {
  const key = Buffer.from(publicKey(host)).toString('base64url')
  return `https://ollama.com/connect?name=${goPathEscape(host)}&key=${key}`
}

/**
 * Ollama's answer to a cloud model request when it cannot use the cloud, undefined when it can.
 * - disabled: `cloud_proxy.go` `proxyCloudRequestWithPath` (and `ChatHandler`'s remote branch) answer 403.
 * - signed out: 401 `{"error":"unauthorized","signin_url":…}`. Ollama writes this itself when it cannot sign
 *   the request (`cloud_proxy.go` `writeCloudUnauthorized`) and when ollama.com refuses a remote model it runs
 *   through its own client (`ChatHandler`/`GenerateHandler`, `api.AuthorizationError`); on the proxy path a
 *   refusal by ollama.com is relayed as ollama.com wrote it, which the Go source does not show — the simulator
 *   answers the same shape there.
 */
export function cloudRefusal(auth: SimCloudAuth): { status: number; body: Record<string, string> } | undefined {
  if (auth === 'disabled') return { status: 403, body: { error: CLOUD_DISABLED_MESSAGE } }
  if (auth === 'signed-out') return { status: 401, body: { error: 'unauthorized', signin_url: signinUrl() } }
  return undefined
}
