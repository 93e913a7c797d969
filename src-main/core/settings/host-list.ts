import { randomUUID } from 'node:crypto'
import { checkHeaderList } from '../../../src-shared/header-rule'
import type { HostEntry } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { KeyValueStore } from '../core-types'
import { checkHostSetting } from '../ollama/host-setting'
import { hostEntrySchema } from './stored-shapes'

/**
 * The Ollama hosts a person added, and which one is active, in the settings store (`hosts`, `activeHostId`). Header
 * values are not here: they live in the secret store, and only their names are kept with the host.
 */

/**
 * The stored hosts, read entry by entry with their stored shape; entries that are not complete are left out (and
 * dropped at the next write). Fields a newer version added are kept, so rewriting the list does not lose them.
 */
export function readHosts(store: Pick<KeyValueStore, 'get'>): HostEntry[] {
  const value = store.get('hosts')
  if (!Array.isArray(value)) return []
  return value.flatMap((entry) => {
    const parsed = hostEntrySchema.safeParse(entry)
    return parsed.success ? [{ ...parsed.data, headerNames: [...parsed.data.headerNames] }] : []
  })
}

/** The active host, or `null` for `OLLAMA_HOST` (else Ollama's default). */
export function readActiveHost(store: Pick<KeyValueStore, 'get'>): HostEntry | null {
  const id = store.get('activeHostId')
  return typeof id === 'string' ? (readHosts(store).find((host) => host.id === id) ?? null) : null
}

/** Checks extra headers typed by a person (`header-rule.ts`); throws `INVALID_INPUT` naming the first problem. */
export function checkHeaders(headers: Record<string, string>): Record<string, string> {
  const checked = checkHeaderList(Object.entries(headers))
  if (!checked.ok) throw new AppFailure('INVALID_INPUT', checked.message)
  return checked.headers
}

/** A host's address as stored: checked with the Settings page's rules, normalised. */
export function checkHostUrl(url: string): string {
  const checked = checkHostSetting(url)
  if (!checked.ok) throw new AppFailure('INVALID_INPUT', checked.message)
  return checked.value
}

/**
 * Adds a host (no `id`) or changes one; `headerNames` replaces the stored names when given. Two hosts may not share
 * an address. Returns the entry as stored.
 */
export function saveHost(
  store: KeyValueStore,
  input: { id?: string; url: string; name?: string | null; headerNames?: string[] },
): HostEntry {
  const hosts = readHosts(store)
  const url = checkHostUrl(input.url)
  const existing = input.id === undefined ? undefined : hosts.find((host) => host.id === input.id)
  if (input.id !== undefined && existing === undefined)
    throw new AppFailure('NOT_FOUND', 'That host is no longer in the list.')
  if (hosts.some((host) => host.url === url && host.id !== existing?.id)) {
    throw new AppFailure('INVALID_INPUT', `${url} is already in the list.`)
  }
  const name =
    input.name === undefined
      ? (existing?.name ?? null)
      : input.name === null || input.name.trim() === ''
        ? null
        : input.name.trim().slice(0, 80)
  const entry: HostEntry = {
    id: existing?.id ?? randomUUID(),
    url,
    name,
    headerNames: input.headerNames ?? existing?.headerNames ?? [],
  }
  store.set(
    'hosts',
    existing === undefined ? [...hosts, entry] : hosts.map((host) => (host.id === entry.id ? entry : host)),
  )
  return entry
}

/** Forgets a host; when it was the active one, the default becomes active. `false` when there was no such host. */
export function removeHost(store: KeyValueStore, id: string): boolean {
  const hosts = readHosts(store)
  if (!hosts.some((host) => host.id === id)) return false
  store.set(
    'hosts',
    hosts.filter((host) => host.id !== id),
  )
  if (store.get('activeHostId') === id) store.set('activeHostId', null)
  return true
}
