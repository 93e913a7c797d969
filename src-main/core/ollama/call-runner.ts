import { Ollama } from 'ollama/browser'
import { toOllamaError, type ErrorContext } from './classify-error'
import { CancelledError, OllamaUnreachableError, StreamInterruptedError } from './errors'
import { callFetch, type FetchFn } from './http'
import type { InFlightCalls } from './in-flight'
import { streamLines, type StreamRequest } from './stream-request'

/** Per-call options: every call can be cancelled. */
export interface CallOptions {
  signal?: AbortSignal | undefined
}

/** What every call of one client shares: where it goes, how it is sent, and where it is counted while in flight. */
export interface CallSetup {
  host: string
  baseFetch: FetchFn
  /** The short calls' timeout, also the one an error about a timeout names. */
  timeoutMs: number
  headers: Record<string, string>
  calls: InFlightCalls
}

/** A streamed call: the request without what the runner adds, plus the path and how to tell Ollama's last line. */
export type StreamedCall<T> = Omit<StreamRequest<T>, 'url' | 'headers' | 'signal'> & {
  path: string
  isLast: (line: T) => boolean
}

/** Why a stream that ends before Ollama's last line (`done`, or a pull's `success`) failed. */
const STREAM_WITHOUT_END = 'the stream ended without its final line'

/**
 * How one call of `OllamaClient` runs, apart from what it asks: its cancellation and timeout signals, its count in
 * flight (so closing can wait for it), and the one classification of whatever it throws into the typed errors of
 * `./errors`.
 */
export class CallRunner {
  constructor(private readonly setup: CallSetup) {}

  /**
   * A JSON call through ollama-js: a fresh `Ollama` per call whose fetch carries this call's signal (ollama-js
   * cannot abort a call before its answer arrives otherwise). `timeoutMs` 0 means no timeout; `base` replaces the
   * client's fetch (a retry on a fresh connection).
   */
  async json<T>(
    opts: CallOptions | undefined,
    about: { model?: string },
    timeoutMs: number,
    run: (ollama: Ollama) => Promise<T>,
    base?: FetchFn,
  ): Promise<T> {
    const context = { host: this.setup.host, ...about }
    if (opts?.signal?.aborted === true) throw this.stopped(opts.signal, undefined)
    const timeout = timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined
    const signals = [opts?.signal, timeout].filter((s): s is AbortSignal => s !== undefined)
    const signal = signals.length === 0 ? undefined : AbortSignal.any(signals)
    const end = this.setup.calls.begin()
    try {
      return await run(this.instance(signal, base))
    } catch (error) {
      throw this.classify(error, opts?.signal, timeout, context)
    } finally {
      end()
    }
  }

  /**
   * A streamed call through the client's pools, with its headers: yields each checked line up to Ollama's last one
   * (`isLast`: chat's `done`, pull's `success`), then stops; a stream that ends before it is `StreamInterruptedError`.
   * Leaving early, failing or finishing aborts the request, so its connection never lingers; every failure is
   * classified as the JSON calls' are.
   */
  async *stream<T>(call: StreamedCall<T>, opts: CallOptions | undefined): AsyncGenerator<T> {
    const { host, baseFetch, headers, calls } = this.setup
    const own = new AbortController()
    const signal = opts?.signal === undefined ? own.signal : AbortSignal.any([opts.signal, own.signal])
    const end = calls.begin()
    try {
      if (opts?.signal?.aborted === true) throw this.stopped(opts.signal, undefined)
      for await (const line of streamLines(baseFetch, { ...call, url: `${host}${call.path}`, headers, signal })) {
        yield line
        if (call.isLast(line)) return
      }
      throw new StreamInterruptedError(STREAM_WITHOUT_END)
    } catch (error) {
      throw this.classify(error, opts?.signal, undefined, { host, model: call.model })
    } finally {
      own.abort()
      end()
    }
  }

  private instance(signal: AbortSignal | undefined, base: FetchFn = this.setup.baseFetch): Ollama {
    return new Ollama({ host: this.setup.host, fetch: callFetch(base, { signal }), headers: this.setup.headers })
  }

  /**
   * The caller stopped the call: a deliberate abort is `CancelledError`, but a caller's timeout signal
   * (`AbortSignal.timeout`, reason `TimeoutError`) means Ollama did not answer in time, so it is unreachable.
   */
  private stopped(signal: AbortSignal, error: unknown): Error {
    const reason: unknown = signal.reason
    if (typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError') {
      return new OllamaUnreachableError(this.setup.host, 'no answer in time', error ?? reason)
    }
    return error instanceof CancelledError ? error : new CancelledError(error ?? reason)
  }

  /** The caller's own abort wins over a timeout, which wins over what the error itself says. */
  private classify(
    error: unknown,
    user: AbortSignal | undefined,
    timeout: AbortSignal | undefined,
    context: ErrorContext,
  ): Error {
    if (user?.aborted === true) return this.stopped(user, error)
    if (timeout?.aborted === true) {
      const seconds = Math.round(this.setup.timeoutMs / 1000)
      return new OllamaUnreachableError(this.setup.host, `no answer within ${seconds} s`, error)
    }
    return toOllamaError(error, context)
  }
}
