import type { Exchange } from '../http'
import type { SimState } from '../state'

/** A route handler; it must answer (or deliberately leave the exchange to the client's abort). */
export type Handler = (state: SimState, ex: Exchange) => Promise<void> | void
