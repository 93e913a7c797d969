import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import { silentLogger } from '../../log'
import { AppFailure } from '../../app-failure'
import { openFileSettingsStore } from '../file-settings-store'
import { createSettingsService, type SettingsService } from '../settings-service'

/** Set-up shared by the settings-service tests: a service over a settings file in a fresh folder. */

/** Test stand-in for the lead's canonical-name function: lower case, `:latest` when no tag. */
export const modelKey = (model: string) => {
  const lower = model.trim().toLowerCase()
  return lower.includes(':') ? lower : `${lower}:latest`
}

/** The host the per-model options in these tests belong to. */
export const H = 'http://127.0.0.1:11434'

export const newSettingsDir = () => mkdtempSync(join(tmpdir(), 'ollmchat-settings-service-'))

/** A service over the settings file in `dir`, as a start of the app opens it (`options` replace the test defaults). */
export const openSettingsService = (dir: string, options: Partial<Parameters<typeof createSettingsService>[1]> = {}) =>
  createSettingsService(openFileSettingsStore(dir, { log: silentLogger }), { modelKey, log: silentLogger, ...options })

/** What is on disk, read past the service. */
export const readSettingsFile = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>

/** How `run` failed, as `CODE: message`, so a test can compare the sentence a person would see. */
export const failureCode = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    return error instanceof AppFailure ? `${error.code}: ${error.message}` : `not an AppFailure: ${String(error)}`
  }
  return 'did not throw'
}

/** What a test file that calls `useSettingsService` reads inside its tests. */
export interface SettingsServiceUnderTest {
  /** This test's settings folder, removed after it. */
  readonly dir: string
  /** The service this test starts with, over the settings file in `dir`. */
  readonly service: SettingsService
  /** Another service over the same file, as the next start of the app would open it. */
  readonly open: (options?: Parameters<typeof openSettingsService>[1]) => SettingsService
  /** What is on disk in `dir`, read past the service. */
  readonly fileJson: () => Record<string, unknown>
}

/**
 * For a test file: before each test a fresh settings folder with a service over it, the folder removed after the
 * test. Call it once at the top of the file (it registers the `beforeEach` and `afterEach`); read `dir` and `service`
 * inside tests, never destructure them at the top (they change per test), while `open` and `fileJson` may be.
 */
export function useSettingsService(): SettingsServiceUnderTest {
  let dir: string | null = null
  let service: SettingsService | null = null
  const currentDir = () => {
    if (dir === null) throw new Error('The settings folder exists only inside a test.')
    return dir
  }
  const open = (options: Parameters<typeof openSettingsService>[1] = {}) => openSettingsService(currentDir(), options)
  beforeEach(() => {
    dir = newSettingsDir()
    service = open()
  })
  afterEach(() => {
    rmSync(currentDir(), { recursive: true, force: true })
    dir = null
    service = null
  })
  return {
    get dir() {
      return currentDir()
    },
    get service() {
      if (service === null) throw new Error('The settings service exists only inside a test.')
      return service
    },
    open,
    fileJson: () => readSettingsFile(currentDir()),
  }
}
