import { messageOf } from '../guards'
import type { Logger } from '../log'

/**
 * Collects a streamed reply and decides when to tell anyone. Deltas go to the window at most once every
 * `deltaIntervalMs` (dozens of tokens per second would otherwise mean dozens of IPC messages and renders), on the
 * leading edge: text that arrives when no delta went out in the last interval (the first token, or the first
 * after a pause such as a long think) is sent at once, and only text that follows within the interval waits for
 * its end. So batching never delays the token a person is waiting for. The text is written to the store at most
 * `checkpointIntervalMs` after it arrived, so a crash or kill loses at most that much of a reply. A throw from
 * `emitDelta` or `checkpoint` (a closed window, a busy or full disk) is logged, never raised: in a timer it would
 * be an uncaught exception in main, and the stream goes on either way (a failed checkpoint is retried with the
 * next text, and the caller writes the final state itself).
 */
export interface ReplyBufferOptions {
  deltaIntervalMs: number
  checkpointIntervalMs: number
  emitDelta(content: string, thinking: string): void
  checkpoint(content: string, thinking: string): void
  log: Logger
}

export class ReplyBuffer {
  private contentSoFar = ''
  private thinkingSoFar = ''
  private pendingContent = ''
  private pendingThinking = ''
  /** Set while the interval after a sent delta runs; text arriving meanwhile waits for its end. */
  private deltaTimer: ReturnType<typeof setTimeout> | undefined
  private checkpointTimer: ReturnType<typeof setTimeout> | undefined

  constructor(private readonly options: ReplyBufferOptions) {}

  get content(): string {
    return this.contentSoFar
  }

  get thinking(): string {
    return this.thinkingSoFar
  }

  get isEmpty(): boolean {
    return this.contentSoFar.length === 0 && this.thinkingSoFar.length === 0
  }

  append(content: string, thinking: string): void {
    if (content.length === 0 && thinking.length === 0) return
    this.contentSoFar += content
    this.thinkingSoFar += thinking
    this.pendingContent += content
    this.pendingThinking += thinking
    if (this.deltaTimer === undefined) this.emitPending()
    this.checkpointTimer ??= setTimeout(() => this.saveCheckpoint(), this.options.checkpointIntervalMs)
  }

  /** Sends what is pending now and stops the timers; the caller writes the final state itself. */
  flush(): void {
    this.emitPending()
    if (this.deltaTimer !== undefined) clearTimeout(this.deltaTimer)
    this.deltaTimer = undefined
    if (this.checkpointTimer !== undefined) clearTimeout(this.checkpointTimer)
    this.checkpointTimer = undefined
  }

  /**
   * Sends what is pending and starts the interval during which new text waits. When the interval ends with
   * nothing pending, the buffer goes quiet and the next text is sent at once again.
   */
  private emitPending(): void {
    if (this.deltaTimer !== undefined) clearTimeout(this.deltaTimer)
    this.deltaTimer = undefined
    if (this.pendingContent.length === 0 && this.pendingThinking.length === 0) return
    this.deltaTimer = setTimeout(() => this.emitPending(), this.options.deltaIntervalMs)
    const content = this.pendingContent
    const thinking = this.pendingThinking
    this.pendingContent = ''
    this.pendingThinking = ''
    try {
      this.options.emitDelta(content, thinking)
    } catch (error) {
      this.options.log.error('could not send streamed text to the window', { error: messageOf(error) })
    }
  }

  private saveCheckpoint(): void {
    this.checkpointTimer = undefined
    try {
      this.options.checkpoint(this.contentSoFar, this.thinkingSoFar)
    } catch (error) {
      this.options.log.error('could not save the streaming reply so far; trying again with the next text', {
        error: messageOf(error),
      })
    }
  }
}
