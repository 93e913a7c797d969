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
  /**
   * Longest stretch without a turn of the event loop that this process spent working: per gap between the ticks of a
   * 1 ms timer, the smaller of the gap and the CPU time the process used in it (\`process.cpuUsage\`). On a shared
   * machine a process that waits for a CPU shows a long event-loop delay without having blocked anything; this leaves
   * that wait out. Approximate: the CPU time includes V8's helper threads (parallel GC).
   */
  busyMaxMs: number
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

/** See `Responsiveness.busyMaxMs`; `stop` returns it. */
function watchBusyStretches(): { stop(): number } {
  let lastAt = performance.now()
  let lastCpu = process.cpuUsage()
  let longest = 0
  const tick = () => {
    const at = performance.now()
    const cpu = process.cpuUsage(lastCpu)
    longest = Math.max(longest, Math.min(at - lastAt, (cpu.user + cpu.system) / 1000))
    lastAt = at
    lastCpu = process.cpuUsage()
  }
  const timer = setInterval(tick, 1)
  return {
    stop: () => {
      clearInterval(timer)
      tick()
      return longest
    },
  }
}

/** Runs `work` while watching the event loop and pinging `pingUrl` from the simulator's process. */
export async function measureResponsiveness<T>(
  sim: SimProcess,
  pingUrl: string,
  work: () => Promise<T>,
): Promise<{ result: T } & Responsiveness> {
  await sim.pingStart(pingUrl, 5)
  const histogram = monitorEventLoopDelay({ resolution: 1 })
  histogram.enable()
  const busy = watchBusyStretches()
  let result: T
  try {
    result = await work()
  } finally {
    histogram.disable()
  }
  const busyMaxMs = busy.stop()
  const rtts = await sim.pingStop()
  return {
    result,
    loopMaxMs: histogram.max / 1e6,
    loopP99Ms: histogram.percentile(99) / 1e6,
    busyMaxMs,
    pingP95Ms: rtts.length === 0 ? Number.NaN : quantile(rtts, 0.95),
    pingCount: rtts.length,
  }
}
