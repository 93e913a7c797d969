import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { isRecord } from '../guards'
import type { Logger } from '../log'

/**
 * Where the values of a host's extra headers live (an `Authorization: Bearer …` for an Ollama behind a proxy): apart
 * from the settings, never logged, never sent to the window.
 */
export interface SecretStore {
  /** The headers stored for a host; `{}` when none (or when they cannot be read back). */
  read(hostId: string): Record<string, string>
  /** Replaces a host's headers; `null` or `{}` removes them. */
  write(hostId: string, headers: Record<string, string> | null): void
}

/** How secrets are turned into text on disk: Electron's `safeStorage` encrypts with the OS keychain's key. */
export interface SecretCodec {
  /** True when `encode` really protects the text (the Electron shell with a keychain); false for plain text. */
  readonly encrypts: boolean
  encode(text: string): string
  decode(stored: string): string
}

/** No platform secret storage (browser mode, tests): the text as it is, in a file only the user may read. */
export const PLAIN_CODEC: SecretCodec = { encrypts: false, encode: (text) => text, decode: (stored) => stored }

/**
 * A `SecretStore` in one JSON file (`secrets.json` in the data folder), written with mode 0600 and replaced atomically.
 * Each host's headers are one encoded string, so with an encrypting codec nothing readable is on disk. A value that
 * cannot be decoded (another machine's keychain, a damaged file) reads as no headers and is logged without its text.
 */
export function createFileSecretStore(file: string, codec: SecretCodec, log: Logger): SecretStore {
  const readAll = (): Record<string, string> => {
    if (!existsSync(file)) return {}
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
      return isRecord(parsed) ? Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) : {}
    } catch {
      log.warn('the stored host headers could not be read; hosts are asked without them', { file })
      return {}
    }
  }
  const writeAll = (all: Record<string, string>) => {
    mkdirSync(dirname(file), { recursive: true })
    const temporary = `${file}.tmp`
    writeFileSync(temporary, JSON.stringify(all), { mode: 0o600 })
    chmodSync(temporary, 0o600)
    renameSync(temporary, file)
  }
  return {
    read(hostId) {
      const stored = readAll()[hostId]
      if (stored === undefined) return {}
      try {
        const parsed: unknown = JSON.parse(codec.decode(stored))
        return isRecord(parsed) ? Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) : {}
      } catch {
        log.warn('the headers of a host could not be decoded; it is asked without them', { hostId })
        return {}
      }
    },
    write(hostId, headers) {
      const { [hostId]: _previous, ...others } = readAll()
      writeAll(headers === null || Object.keys(headers).length === 0 ? others : { ...others, [hostId]: codec.encode(JSON.stringify(headers)) })
    },
  }
}
