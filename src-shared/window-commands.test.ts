import { describe, expect, it } from 'vitest'
import { acceleratorFor, commandForKeyPress, type KeyPressLike } from './window-commands'

const press = (key: string, modifiers: Partial<Omit<KeyPressLike, 'key'>> = {}): KeyPressLike => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...modifiers,
})

describe('the window commands’ shortcuts', () => {
  it('give the desktop menu Electron accelerators for each command’s first key', () => {
    expect([acceleratorFor('newChat'), acceleratorFor('search'), acceleratorFor('settings')]).toEqual([
      'CmdOrCtrl+N',
      'CmdOrCtrl+K',
      'CmdOrCtrl+,',
    ])
  })

  it('match the same keys pressed in the page with Ctrl or Cmd, and browser mode’s Ctrl/Cmd+Shift+O', () => {
    for (const modifier of [{ ctrlKey: true }, { metaKey: true }]) {
      expect(commandForKeyPress(press('n', modifier))).toBe('newChat')
      expect(commandForKeyPress(press('N', modifier))).toBe('newChat')
      expect(commandForKeyPress(press('O', { ...modifier, shiftKey: true }))).toBe('newChat')
      expect(commandForKeyPress(press('k', modifier))).toBe('search')
      expect(commandForKeyPress(press(',', modifier))).toBe('settings')
    }
  })

  it('ignore keys without the command key, with Alt, or with a Shift the shortcut does not have', () => {
    expect(commandForKeyPress(press('n'))).toBeNull()
    expect(commandForKeyPress(press('k', { ctrlKey: true, altKey: true }))).toBeNull()
    expect(commandForKeyPress(press('K', { ctrlKey: true, shiftKey: true }))).toBeNull()
    expect(commandForKeyPress(press('o', { ctrlKey: true }))).toBeNull()
    expect(commandForKeyPress(press('Escape', { ctrlKey: true }))).toBeNull()
  })
})
