import type { HostEntry } from '../../src-shared/types'

/**
 * An address reduced to what identifies the host, so `http://192.168.1.20:11434/` and `192.168.1.20:11434` compare
 * equal (main normalises addresses, but a conversation's `lastHost` may have been saved by an older version).
 */
function hostKey(url: string): string {
  const trimmed = url.trim().toLowerCase().replace(/\/+$/, '')
  return /^[a-z][a-z0-9+.-]*:\/\//.test(trimmed) ? trimmed : `http://${trimmed}`
}

export function sameHost(a: string, b: string): boolean {
  return hostKey(a) === hostKey(b)
}

/** `http://192.168.1.20:11434/` → `192.168.1.20:11434` (https stays spelled out: it says something). */
export function hostAddress(url: string): string {
  return url
    .trim()
    .replace(/^http:\/\//i, '')
    .replace(/\/+$/, '')
}

/** The name the person gave a host, else its address. */
export function hostLabel(url: string, hosts: readonly HostEntry[]): string {
  const known = hosts.find((host) => sameHost(host.url, url))
  return known?.name?.trim() || hostAddress(url)
}

/**
 * Where a conversation's latest reply came from, when that is not the host in use now (`null` when it is, when
 * there was no reply yet, or when the host in use is not known).
 */
export function otherHostLabel(
  lastHost: string | null,
  activeHost: string | null,
  hosts: readonly HostEntry[],
): string | null {
  if (lastHost === null || activeHost === null || sameHost(lastHost, activeHost)) return null
  return hostLabel(lastHost, hosts)
}
