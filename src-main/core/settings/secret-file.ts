import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { isRecord, messageOf } from '../guards'
import type { Logger } from '../log'

/**
 * Where the values of a host's extra headers live (an `Authorization: Bearer …` for an Ollama behind a proxy): apart
 * from the settings, never logged, never sent to the window.
 */
export interface SecretStore {
  /** True when the values are encrypted on disk (the OS keychain), false when only the file's mode protects them. */
  readonly encrypts: boolean
  /** The headers stored for a host; `{}` when none (or when they cannot be read back). */
  read(hostId: string): Record<string, string>
  /** Replaces a host's headers; `null` or `{}` removes them. Throws when they could not be stored. */
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

const stringEntries = (value: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/**
 * A `SecretStore` in one JSON file (`secrets.json` in the data folder), written with mode 0600 and replaced atomically.
 * Each host's headers are one encoded string, so with an encrypting codec nothing readable is on disk. A value that
 * cannot be decoded (another machine's keychain) reads as no headers and is logged without its text. A file that is
 * not a JSON object is moved aside (`secrets.json.damaged-<time>`) rather than overwritten at the next write, so
 * whatever it still holds can be recovered by hand.
 */
export function createFileSecretStore(file: string, codec: SecretCodec, log: Logger): SecretStore {
  const moveAside = () => {
    const aside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`
    try {
      renameSync(file, aside)
      log.warn('the stored host headers were damaged: the file was moved aside and hosts are asked without them', {
        file,
        movedTo: aside,
      })
    } catch (error) {
      log.warn('the stored host headers were damaged and could not be moved aside', { file, error: messageOf(error) })
    }
  }
  /** Every host's encoded headers; throws when the file is there but cannot be read (so a write does not replace it). */
  const readAll = (): Record<string, string> => {
    if (!existsSync(file)) return {}
    const parsed = parseJson(readFileSync(file, 'utf8'))
    if (isRecord(parsed)) return stringEntries(parsed)
    moveAside()
    return {}
  }
  const writeAll = (all: Record<string, string>) => {
    mkdirSync(dirname(file), { recursive: true })
    const temporary = `${file}.tmp`
    writeFileSync(temporary, JSON.stringify(all), { mode: 0o600 })
    chmodSync(temporary, 0o600)
    renameSync(temporary, file)
  }
  return {
    encrypts: codec.encrypts,
    read(hostId) {
      let stored: string | undefined
      try {
        stored = readAll()[hostId]
      } catch (error) {
        log.warn('the stored host headers could not be read; hosts are asked without them', {
          file,
          error: messageOf(error),
        })
        return {}
      }
      if (stored === undefined) return {}
      try {
        const parsed = parseJson(codec.decode(stored))
        if (isRecord(parsed)) return stringEntries(parsed)
      } catch {
        // A codec that cannot decode (another keychain) throws; logged below like a value that is not JSON.
      }
      log.warn('the headers of a host could not be decoded; it is asked without them', { hostId })
      return {}
    },
    write(hostId, headers) {
      const { [hostId]: _previous, ...others } = readAll()
      writeAll(
        headers === null || Object.keys(headers).length === 0
          ? others
          : { ...others, [hostId]: codec.encode(JSON.stringify(headers)) },
      )
    },
  }
}
