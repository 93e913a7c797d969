import type { Agent } from 'undici'
import type { FreshConnections } from './fresh-connection'
import { agentFetch, createOllamaAgent, type FetchFn } from './http'

/**
 * A client's undici connection pools: the shared one every call goes through, and the short-lived ones that a
 * retry opens (`retryOnFreshConnection`), kept here while they live so that closing the client reaches them too (a
 * retry stalled on a pool of its own would otherwise outlive `close({ graceMs })`). Once closing has begun no new
 * pool opens: a dropped request then fails as it is.
 */
export class ConnectionPools implements FreshConnections {
  private readonly shared = createOllamaAgent()
  private readonly fresh = new Set<Agent>()
  private closing = false
  /** undici refuses to close a destroyed Agent: a close without grace that a later bounded one overtook ends here. */
  private destroyed = false
  /** Sends through the shared pool. */
  readonly fetch: FetchFn = agentFetch(this.shared)

  get open(): boolean {
    return !this.closing
  }

  async viaFreshPool<T>(send: (fetch: FetchFn) => Promise<T>): Promise<T> {
    const agent = createOllamaAgent()
    this.fresh.add(agent)
    try {
      return await send(agentFetch(agent))
    } finally {
      // The one request is over (answered or failed): its socket has no further use.
      this.fresh.delete(agent)
      await agent.destroy()
    }
  }

  /** Lets the requests in flight finish, then closes every pool; nothing to do once destroyed. */
  async close(): Promise<void> {
    if (this.destroyed) return
    this.closing = true
    await Promise.all([this.shared, ...this.fresh].map((agent) => agent.close()))
  }

  /** Ends every connection now: requests still running fail. */
  async destroy(): Promise<void> {
    this.closing = true
    this.destroyed = true
    await Promise.all([this.shared, ...this.fresh].map((agent) => agent.destroy()))
  }
}
