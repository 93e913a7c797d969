import type { StartupNotice } from '../../src-shared/types'
import type { DamagedHistoryFile } from './history/damaged-file'
import type { SettingsRepair } from './settings/settings-recovery'

const counted = (count: number, noun: string) => `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`

/** The window's notice for a history file found damaged at start, moved aside, and salvaged into a new one. */
export function damagedHistoryNotice(damaged: DamagedHistoryFile): StartupNotice {
  const { conversations, messages } = damaged.recovered
  const outcome =
    damaged.salvageFailed !== undefined
      ? 'Copying what it still holds into a new history failed, so the new history is empty; the details are in the log.'
      : conversations === 0
        ? 'No conversation could be read from it, so the new history is empty.'
        : `It recovered ${counted(conversations, 'conversation')} with ${counted(messages, 'message')} into a new history; what could not be read is missing there.`
  return {
    id: `history:${damaged.backup}`,
    title: 'The chat history was damaged',
    message:
      // The window shows where the old file is kept (`file`) beside the message, with a button to copy it.
      `ollmchat found the chat history file damaged, so it moved it aside untouched. ${outcome} ` +
      'The old file is kept as it was; a SQLite recovery tool (such as "sqlite3 <file> .recover") may get more back from it.',
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
