/**
 * Where the start-up of `npm run serve` went, from the `launch:` marks scripts/serve.mjs leaves on the process's
 * performance timeline (milliseconds from the process start). Logged at ready; bench/start-and-bundle.ts reads it.
 */
export interface LaunchTimings {
  /** Process start → core ready, everything included. */
  sinceProcessStartMs: number
  /** Process start → every module loaded, without a renderer build that ran on the way. */
  modulesLoadedMs: number
  /** The core's own start: SQLite, settings, the server listening. */
  coreStartMs: number
  /** The `vite build` run because out/renderer was missing; 0 when it was there. */
  rendererBuildMs: number
  /** Process start → scripts/serve.mjs running: node's own start. Absent when started another way (e.g. tsx). */
  nodeStartMs?: number
  /** Checking whether out/renderer is current (the build, if any, not counted). */
  rendererCheckMs?: number
  /** Bundling main's sources with esbuild (scripts/lib/server-bundle.mjs), done at every start. */
  bundleMs?: number
  /** Importing the server bundle (out/serve/cli.js): the bundle itself and every dependency loaded. */
  importMs?: number
}

/** Reads the process's performance timeline; a stand-in in tests. */
export interface Timeline {
  markAt(name: string): number | undefined
  measured(name: string): number | undefined
}

export const processTimeline: Timeline = {
  markAt: (name) => performance.getEntriesByName(name, 'mark')[0]?.startTime,
  measured: (name) => performance.getEntriesByName(name, 'measure')[0]?.duration,
}

const round = (ms: number) => Math.round(ms * 10) / 10

/** The timings of a launch whose modules were loaded at `modulesLoadedAt` and whose core was ready at `readyAt`. */
export function launchTimings(
  modulesLoadedAt: number,
  readyAt: number,
  timeline: Timeline = processTimeline,
): LaunchTimings {
  const rendererBuildMs = timeline.measured('launch:renderer-build') ?? 0
  const timings: LaunchTimings = {
    sinceProcessStartMs: round(readyAt),
    modulesLoadedMs: round(modulesLoadedAt - rendererBuildMs),
    coreStartMs: round(readyAt - modulesLoadedAt),
    rendererBuildMs: round(rendererBuildMs),
  }
  const entry = timeline.markAt('launch:entry')
  const checked = timeline.markAt('launch:renderer-checked')
  const bundled = timeline.markAt('launch:server-bundled')
  if (entry === undefined || checked === undefined || bundled === undefined) return timings
  return {
    ...timings,
    nodeStartMs: round(entry),
    rendererCheckMs: round(checked - entry - rendererBuildMs),
    bundleMs: round(bundled - checked),
    importMs: round(modulesLoadedAt - bundled),
  }
}
