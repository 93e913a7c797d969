/** Counts calls in progress, so closing can wait for them, but not forever. */
export class InFlightCalls {
  private count = 0
  private readonly idleListeners = new Set<() => void>()

  /** Counts one call from now until the returned `end` (idempotent) is called. */
  begin(): () => void {
    this.count++
    let ended = false
    return () => {
      if (ended) return
      ended = true
      this.count--
      if (this.count === 0) for (const listener of [...this.idleListeners]) listener()
    }
  }

  /** Resolves once no call is in progress, however long that takes (a retired client closes then). */
  whenIdle(): Promise<void> {
    if (this.count === 0) return Promise.resolve()
    return new Promise((resolve) => {
      const onIdle = () => {
        this.idleListeners.delete(onIdle)
        resolve()
      }
      this.idleListeners.add(onIdle)
    })
  }

  /** Resolves `true` as soon as no call is in progress, or `false` once `ms` passed with some still running. */
  idleWithin(ms: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true)
    return new Promise((resolve) => {
      const settle = (idle: boolean) => {
        clearTimeout(timer)
        this.idleListeners.delete(onIdle)
        resolve(idle)
      }
      const onIdle = () => settle(true)
      const timer = setTimeout(() => settle(false), ms)
      this.idleListeners.add(onIdle)
    })
  }
}
