import { describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../core/log'
import { safeStorageCodec, type SafeStorageLike } from './secret-codec'

/** A stand-in keychain: "encrypts" by reversing the bytes, so the stored text is not the secret. */
const keychain = (available: boolean): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
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

  it('falls back to plain text without a keychain, and says so', () => {
    const log = createMemoryLogger()
    const codec = safeStorageCodec(keychain(false), log)
    expect(codec.encrypts).toBe(false)
    expect(codec.encode('x')).toBe('x')
    expect(log.lines).toMatchObject([{ level: 'warn', message: expect.stringMatching(/no OS keychain/) as unknown }])
  })
})
