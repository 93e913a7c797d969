import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { SimProcess } from './sim-process'
import { quantile } from './stats'

/** How the benchmark process kept answering while something ran in it. */
export interface Responsiveness {
  /** Longest event-loop delay seen (`monitorEventLoopDelay`, 1 ms resolution): the longest blocked stretch. */
  loopMaxMs: number
  loopP99Ms: number
  /** Round trips of a tiny GET to this process, sent from the simulator's process every 5 ms (as the window would). */
  pingP95Ms: number
  pingCount: number
}

/**
 * A tiny HTTP endpoint in this process, standing for the core's answer to the window: it does no work, so its
 * round trip is the time the request waited for this process's event loop.
 */
export async function startPingTarget(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => res.end('pong'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/ping`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Runs `work` while watching the event loop and pinging `pingUrl` from the simulator's process. */
export async function measureResponsiveness<T>(sim: SimProcess, pingUrl: string, work: () => Promise<T>): Promise<{ result: T } & Responsiveness> {
  await sim.pingStart(pingUrl, 5)
  const histogram = monitorEventLoopDelay({ resolution: 1 })
  histogram.enable()
  let result: T
  try {
    result = await work()
  } finally {
    histogram.disable()
  }
  const rtts = await sim.pingStop()
  return {
    result,
    loopMaxMs: histogram.max / 1e6,
    loopP99Ms: histogram.percentile(99) / 1e6,
    pingP95Ms: rtts.length === 0 ? Number.NaN : quantile(rtts, 0.95),
    pingCount: rtts.length,
  }
}
