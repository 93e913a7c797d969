/**
 * The main window's remembered geometry (settings key `window`). Whatever is stored is treated as untrusted:
 * a hand-edited file, a removed monitor or a tiny saved size must never give the user an unusable window.
 */
import type { KeyValueStore } from '../core/core-types'
import type { WindowState } from '../core/settings/settings-schema'
import type { Rect } from './electron-like'

export type { WindowState }

/** The settings key the window state lives under. */
export const WINDOW_STATE_KEY = 'window'

/** The smallest window the layout is designed for; also the window's own minimum size. */
export const MIN_WINDOW_SIZE = { width: 640, height: 480 } as const

/** The first-run size. */
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1100, height: 760, maximized: false }

/** How much of the window (in both directions) must lie on some display for a saved position to be kept. */
const MIN_VISIBLE_PX = 64
/** An upper bound for sizes when no display is known, so a corrupted value cannot ask for a huge window. */
const MAX_SIZE_PX = 16_384

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(Math.round(value), min), max)

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  }
}

function isVisibleOnSomeDisplay(bounds: Rect, displays: readonly Rect[]): boolean {
  return displays.some((display) => {
    const shared = overlap(bounds, display)
    return shared.width >= MIN_VISIBLE_PX && shared.height >= MIN_VISIBLE_PX
  })
}

/**
 * Turns whatever is stored into a usable state: size clamped to [`MIN_WINDOW_SIZE`, largest display], position
 * kept only when both coordinates are numbers and the window would be visibly on a display (when displays are
 * known), `maximized` only when literally `true`. Falls back to `DEFAULT_WINDOW_STATE` for a non-object.
 */
export function normalizeWindowState(raw: unknown, displays: readonly Rect[] = []): WindowState {
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_WINDOW_STATE }
  const stored = raw as Record<string, unknown>
  const maxWidth = displays.length > 0 ? Math.max(...displays.map((d) => d.width)) : MAX_SIZE_PX
  const maxHeight = displays.length > 0 ? Math.max(...displays.map((d) => d.height)) : MAX_SIZE_PX
  const width = clamp(
    isFiniteNumber(stored['width']) ? stored['width'] : DEFAULT_WINDOW_STATE.width,
    MIN_WINDOW_SIZE.width,
    Math.max(maxWidth, MIN_WINDOW_SIZE.width),
  )
  const height = clamp(
    isFiniteNumber(stored['height']) ? stored['height'] : DEFAULT_WINDOW_STATE.height,
    MIN_WINDOW_SIZE.height,
    Math.max(maxHeight, MIN_WINDOW_SIZE.height),
  )
  const state: WindowState = { width, height, maximized: stored['maximized'] === true }
  const { x, y } = stored
  if (isFiniteNumber(x) && isFiniteNumber(y)) {
    const bounds = { x: Math.round(x), y: Math.round(y), width, height }
    if (displays.length === 0 || isVisibleOnSomeDisplay(bounds, displays)) {
      state.x = bounds.x
      state.y = bounds.y
    }
  }
  return state
}

/** Reads and normalises the stored state; a store that throws counts as nothing stored. */
export function loadWindowState(store: KeyValueStore, displays: readonly Rect[] = []): WindowState {
  let raw: unknown
  try {
    raw = store.get(WINDOW_STATE_KEY)
  } catch {
    raw = undefined
  }
  return normalizeWindowState(raw, displays)
}

/** Saves the window's normal (un-maximised) bounds and whether it is maximised. */
export function saveWindowState(store: KeyValueStore, bounds: Rect, maximized: boolean): void {
  const state: WindowState = {
    width: Math.round(bounds.width),
    height: Math.round(bounds.height),
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    maximized,
  }
  store.set(WINDOW_STATE_KEY, state)
}
