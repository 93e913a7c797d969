import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../test-support/fake-core'
import {
  DEFAULT_WINDOW_STATE,
  loadWindowState,
  MIN_WINDOW_SIZE,
  normalizeWindowState,
  saveWindowState,
  WINDOW_STATE_KEY,
} from './window-state'

const DISPLAYS = [
  { x: 0, y: 0, width: 1920, height: 1040 },
  { x: 1920, y: 0, width: 2560, height: 1400 },
]

describe('normalizeWindowState', () => {
  it.each([undefined, null, 'big', 42, []])('falls back to the default for %j', (raw) => {
    expect(normalizeWindowState(raw)).toEqual(DEFAULT_WINDOW_STATE)
  })

  it('keeps a sane state as it is', () => {
    const state = { width: 1000, height: 700, x: 2000, y: 40, maximized: true }
    expect(normalizeWindowState(state, DISPLAYS)).toEqual(state)
  })

  it('replaces non-numeric sizes with the default size and rounds fractions', () => {
    expect(normalizeWindowState({ width: 'wide', height: Number.NaN, x: 10.6, y: 20.2 })).toEqual({
      width: DEFAULT_WINDOW_STATE.width,
      height: DEFAULT_WINDOW_STATE.height,
      x: 11,
      y: 20,
      maximized: false,
    })
  })

  it('raises sizes below the minimum and caps them at the largest display', () => {
    expect(normalizeWindowState({ width: 0, height: -5 }, DISPLAYS)).toMatchObject(MIN_WINDOW_SIZE)
    expect(normalizeWindowState({ width: 9000, height: 9000 }, DISPLAYS)).toMatchObject({ width: 2560, height: 1400 })
    expect(normalizeWindowState({ width: 1e9, height: 1e9 })).toMatchObject({ width: 16_384, height: 16_384 })
  })

  it('drops a position unless both coordinates are numbers', () => {
    const state = normalizeWindowState({ width: 800, height: 600, x: 10 }, DISPLAYS)
    expect('x' in state || 'y' in state).toBe(false)
  })

  it('drops a position that leaves too little of the window on any display', () => {
    expect(normalizeWindowState({ width: 800, height: 600, x: -780, y: 100 }, DISPLAYS)).not.toHaveProperty('x')
    expect(normalizeWindowState({ width: 800, height: 600, x: 100, y: 1020 }, DISPLAYS)).not.toHaveProperty('y')
    expect(normalizeWindowState({ width: 800, height: 600, x: -700, y: 100 }, DISPLAYS)).toMatchObject({ x: -700 })
  })

  it('keeps a position when no display information is available', () => {
    expect(normalizeWindowState({ width: 800, height: 600, x: 5000, y: 5000 })).toMatchObject({ x: 5000, y: 5000 })
  })

  it('counts only a literal true as maximised', () => {
    expect(normalizeWindowState({ maximized: 'yes' }).maximized).toBe(false)
    expect(normalizeWindowState({ maximized: true }).maximized).toBe(true)
  })
})

describe('loadWindowState / saveWindowState', () => {
  it('treats a store that throws as an empty one', () => {
    const store = {
      get: () => {
        throw new Error('corrupt')
      },
      set: () => {},
      delete: () => {},
    }
    expect(loadWindowState(store)).toEqual(DEFAULT_WINDOW_STATE)
  })

  it('saves rounded bounds under the window key', () => {
    const store = createMemoryStore()
    saveWindowState(store, { x: 1.4, y: 2.6, width: 900.5, height: 700 }, false)
    expect(store.data.get(WINDOW_STATE_KEY)).toEqual({ x: 1, y: 3, width: 901, height: 700, maximized: false })
  })
})
