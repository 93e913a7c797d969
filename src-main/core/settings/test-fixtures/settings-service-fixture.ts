import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { silentLogger } from '../../log'
import { AppFailure } from '../../app-failure'
import { openFileSettingsStore } from '../file-settings-store'
import { createSettingsService } from '../settings-service'

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
