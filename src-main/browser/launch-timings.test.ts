import { describe, expect, it } from 'vitest'
import { launchTimings, type Timeline } from './launch-timings'

const timeline = (marks: Record<string, number>, measures: Record<string, number> = {}): Timeline => ({
  markAt: (name) => marks[name],
  measured: (name) => measures[name],
})

describe('launchTimings', () => {
  it('splits a launch through scripts/serve.mjs into its steps, a renderer build kept apart', () => {
    const marks = { 'launch:entry': 40, 'launch:renderer-checked': 1_560, 'launch:server-bundled': 600 + 1_000 }
    expect(launchTimings(2_000, 2_100, timeline(marks, { 'launch:renderer-build': 1_500 }))).toEqual({
      sinceProcessStartMs: 2_100,
      modulesLoadedMs: 500,
      coreStartMs: 100,
      rendererBuildMs: 1_500,
      nodeStartMs: 40,
      rendererCheckMs: 20,
      bundleMs: 40,
      importMs: 400,
    })
  })

  it('gives only the totals when started without serve.mjs (e.g. `tsx src-main/browser/cli.ts`)', () => {
    expect(launchTimings(450.04, 530, timeline({}))).toEqual({
      sinceProcessStartMs: 530,
      modulesLoadedMs: 450,
      coreStartMs: 80,
      rendererBuildMs: 0,
    })
  })
})
