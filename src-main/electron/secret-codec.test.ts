import { describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../core/log'
import { safeStorageCodec, type SafeStorageLike } from './secret-codec'

/**
 * A stand-in keychain: "encrypts" by reversing the bytes, so the stored text is not the secret. `backend` is what
 * Electron reports on Linux; left out, the method is missing, as on macOS and Windows.
 */
const keychain = (available: boolean, backend?: string): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  ...(backend === undefined ? {} : { getSelectedStorageBackend: () => backend }),
  encryptString: (text) => Buffer.from([...Buffer.from(text)].reverse()),
  decryptString: (data) => Buffer.from([...data].reverse()).toString(),
})

describe('safeStorageCodec', () => {
  it('stores nothing readable when a keychain is available, and reads it back', () => {
    const codec = safeStorageCodec(keychain(true), createMemoryLogger())
    const stored = codec.encode('{"Authorization":"Bearer s3cret"}')
    expect(codec.encrypts).toBe(true)
    expect(stored).not.toContain('s3cret')
    expect(codec.decode(stored)).toBe('{"Authorization":"Bearer s3cret"}')
    // Written before a keychain was there: plain text, read as it is.
    expect(codec.decode('{"a":"b"}')).toBe('{"a":"b"}')
  })

  it('encrypts with a Linux keychain (libsecret, kwallet)', () => {
    for (const backend of ['gnome_libsecret', 'kwallet5']) {
      const codec = safeStorageCodec(keychain(true, backend), createMemoryLogger())
      expect(codec.encrypts).toBe(true)
      expect(codec.encode('s3cret')).not.toContain('s3cret')
    }
  })

  it('falls back to plain text without a keychain, and says so', () => {
    const log = createMemoryLogger()
    const codec = safeStorageCodec(keychain(false), log)
    expect(codec.encrypts).toBe(false)
    expect(codec.encode('x')).toBe('x')
    expect(log.lines).toMatchObject([{ level: 'warn', message: expect.stringMatching(/no OS keychain/) as unknown }])
  })

  it('does not count Linux basic_text (a hard-coded key) as encryption, yet reads what it wrote before', () => {
    const log = createMemoryLogger()
    const basic = keychain(true, 'basic_text')
    const codec = safeStorageCodec(basic, log)
    expect(codec.encrypts).toBe(false)
    expect(codec.encode('{"a":"b"}')).toBe('{"a":"b"}')
    expect(codec.decode(safeStorageCodec(keychain(true), createMemoryLogger()).encode('{"a":"b"}'))).toBe('{"a":"b"}')
    expect(codec.decode('{"c":"d"}')).toBe('{"c":"d"}')
    expect(log.lines).toMatchObject([{ level: 'warn', message: expect.stringMatching(/no OS keychain/) as unknown }])
  })
})
