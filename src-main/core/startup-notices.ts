import type { StartupNotice } from '../../src-shared/types'
import type { DamagedHistoryFile } from './history/damaged-file'
import type { SettingsRepair } from './settings/settings-recovery'

/** The window's notice for a history file found damaged at start and moved aside. */
export function damagedHistoryNotice(damaged: DamagedHistoryFile): StartupNotice {
  return {
    id: `history:${damaged.backup}`,
    title: 'The chat history was damaged',
    message:
      'ollmchat found the chat history file damaged, so it moved it aside untouched and started a new, empty history. ' +
      'Your earlier conversations are still in the old file; a SQLite recovery tool (such as "sqlite3 <file> .recover") may get them back.',
    file: damaged.backup,
  }
}

/** The window's notice for a settings file that could not be read and was repaired. */
export function repairedSettingsNotice(repair: SettingsRepair): StartupNotice {
  const everything = repair.dropped.includes('*')
  const lost = everything
    ? 'None of its settings could be read, so the defaults are back.'
    : repair.dropped.length === 0
      ? 'Every setting in it was carried over.'
      : `These settings could not be read and are back to their defaults: ${repair.dropped.join(', ')}.`
  return {
    id: `settings:${repair.backup}`,
    title: 'The settings file was repaired',
    message: `ollmchat could not read its settings file, so it kept the old one aside and wrote a new one. ${lost}`,
    file: repair.backup,
  }
}
