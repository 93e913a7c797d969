/** A pending `failNext`. */
export interface FailFault {
  status: number
  message: string
  remaining: number
}

/** A pending mid-stream fault for the next chat/generate stream. */
export type StreamFault = { kind: 'error-line'; after: number; message: string } | { kind: 'drop'; after: number }

/** What the server should do to a request before routing it. */
export type PreRouteFault =
  | { kind: 'drop-connection' }
  | { kind: 'stall' }
  | { kind: 'fail'; status: number; message: string }
  | { kind: 'malformed'; body: string }
  | { kind: 'huge-line'; bytes: number }

/** Pending faults; the server consumes them as matching requests arrive. */
export class FaultState {
  latencyMs = 0
  private readonly fails = new Map<string, FailFault>()
  private readonly malformed = new Map<string, string>()
  private readonly stalls = new Map<string, number>()
  private readonly drops = new Map<string, number>()
  private readonly hugeLines = new Map<string, number>()
  private streamFault: StreamFault | undefined

  failNext(path: string, status: number, message: string, times = 1): void {
    this.fails.set(path, { status, message, remaining: times })
  }

  malformedNext(path: string, body = 'not json{'): void {
    this.malformed.set(path, body)
  }

  stallNext(path: string): void {
    this.stalls.set(path, (this.stalls.get(path) ?? 0) + 1)
  }

  /** Transport fault, not Ollama behaviour: see `SimFaults.dropConnectionNext`. */
  dropConnectionNext(path: string, times = 1): void {
    this.drops.set(path, (this.drops.get(path) ?? 0) + times)
  }

  /** Transport fault, not Ollama behaviour: see `SimFaults.hugeLineNext`. */
  hugeLineNext(path: string, bytes: number): void {
    this.hugeLines.set(path, bytes)
  }

  setStreamFault(fault: StreamFault): void {
    this.streamFault = fault
  }

  /** Takes the pending stream fault, if any (one stream only). */
  takeStreamFault(): StreamFault | undefined {
    const fault = this.streamFault
    this.streamFault = undefined
    return fault
  }

  /** Takes the fault for a request on `path`: a dropped connection first, then a stall, a failure, garbage. */
  takePreRoute(path: string): PreRouteFault | undefined {
    const drops = this.drops.get(path) ?? 0
    if (drops > 0) {
      if (drops === 1) this.drops.delete(path)
      else this.drops.set(path, drops - 1)
      return { kind: 'drop-connection' }
    }
    const stalls = this.stalls.get(path) ?? 0
    if (stalls > 0) {
      if (stalls === 1) this.stalls.delete(path)
      else this.stalls.set(path, stalls - 1)
      return { kind: 'stall' }
    }
    const fail = this.fails.get(path)
    if (fail !== undefined) {
      fail.remaining--
      if (fail.remaining <= 0) this.fails.delete(path)
      return { kind: 'fail', status: fail.status, message: fail.message }
    }
    const hugeLine = this.hugeLines.get(path)
    if (hugeLine !== undefined) {
      this.hugeLines.delete(path)
      return { kind: 'huge-line', bytes: hugeLine }
    }
    const body = this.malformed.get(path)
    if (body !== undefined) {
      this.malformed.delete(path)
      return { kind: 'malformed', body }
    }
    return undefined
  }

  reset(): void {
    this.latencyMs = 0
    this.fails.clear()
    this.malformed.clear()
    this.stalls.clear()
    this.drops.clear()
    this.hugeLines.clear()
    this.streamFault = undefined
  }
}
