import { PLAIN_CODEC, type SecretCodec } from '../core/settings/secret-file'
import type { Logger } from '../core/log'

/** The part of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(text: string): Buffer
  decryptString(data: Buffer): string
}

const PREFIX = 'safeStorage:'

/**
 * Host header values encrypted with the OS keychain's key (Electron `safeStorage`: Keychain on macOS, DPAPI on
 * Windows, libsecret/kwallet on Linux). Where no keychain is available (a Linux session without one) they are kept
 * in plain text in a file only the user can read, and the log says so once. Call only once the app is ready:
 * `safeStorage` answers nothing useful before.
 */
export function safeStorageCodec(safe: SafeStorageLike, log: Logger): SecretCodec {
  if (!safe.isEncryptionAvailable()) {
    log.warn('no OS keychain is available: host headers are stored unencrypted, readable only by this user')
    return PLAIN_CODEC
  }
  return {
    encrypts: true,
    encode: (text) => `${PREFIX}${safe.encryptString(text).toString('base64')}`,
    // A value written while no keychain was available is plain text: it is read as it is.
    decode: (stored) => (stored.startsWith(PREFIX) ? safe.decryptString(Buffer.from(stored.slice(PREFIX.length), 'base64')) : stored),
  }
}
