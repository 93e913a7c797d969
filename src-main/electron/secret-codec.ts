import { PLAIN_CODEC, type SecretCodec } from '../core/settings/secret-file'
import type { Logger } from '../core/log'

/** The part of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  /** Linux only: Electron does not define it on macOS and Windows. */
  getSelectedStorageBackend?: () => string
  encryptString(text: string): Buffer
  decryptString(data: Buffer): string
}

const PREFIX = 'safeStorage:'

/**
 * Host header values encrypted with the OS keychain's key (Electron `safeStorage`: Keychain on macOS, DPAPI on
 * Windows, libsecret/kwallet on Linux). Where no keychain is available they are kept in plain text in a file only
 * the user can read, and the log says so once. On Linux without a recognised keychain Electron still "encrypts",
 * with its `basic_text` backend, but under a key hard-coded in Chromium: that protects nothing, so it counts as no
 * keychain (and the window does not claim encryption). Call only once the app is ready: `safeStorage` answers
 * nothing useful before.
 */
export function safeStorageCodec(safe: SafeStorageLike, log: Logger): SecretCodec {
  const decode = (stored: string) =>
    // A value written while no keychain was available is plain text: it is read as it is.
    stored.startsWith(PREFIX) ? safe.decryptString(Buffer.from(stored.slice(PREFIX.length), 'base64')) : stored
  if (!safe.isEncryptionAvailable() || safe.getSelectedStorageBackend?.() === 'basic_text') {
    log.warn('no OS keychain is available: host headers are stored unencrypted, readable only by this user')
    // Values encrypted earlier (under a keychain since gone) are still read while they can be decrypted.
    return { ...PLAIN_CODEC, decode }
  }
  return { encrypts: true, encode: (text) => `${PREFIX}${safe.encryptString(text).toString('base64')}`, decode }
}
