/**
 * Collects a streamed reply and decides when to tell anyone: deltas go to the window at most every
 * `deltaIntervalMs` (dozens of tokens per second would otherwise mean dozens of IPC messages and renders), and
 * the text is written to the store at most `checkpointIntervalMs` after it arrived, so a crash or kill loses at
 * most that much of a reply.
 */
export interface ReplyBufferOptions {
  deltaIntervalMs: number
  checkpointIntervalMs: number
  emitDelta(content: string, thinking: string): void
  checkpoint(content: string, thinking: string): void
}

export class ReplyBuffer {
  private contentSoFar = ''
  private thinkingSoFar = ''
  private pendingContent = ''
  private pendingThinking = ''
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
    this.deltaTimer ??= setTimeout(() => this.emitPending(), this.options.deltaIntervalMs)
    this.checkpointTimer ??= setTimeout(() => this.saveCheckpoint(), this.options.checkpointIntervalMs)
  }

  /** Sends what is pending now and stops the timers; the caller writes the final state itself. */
  flush(): void {
    this.emitPending()
    if (this.checkpointTimer !== undefined) clearTimeout(this.checkpointTimer)
    this.checkpointTimer = undefined
  }

  private emitPending(): void {
    if (this.deltaTimer !== undefined) clearTimeout(this.deltaTimer)
    this.deltaTimer = undefined
    if (this.pendingContent.length === 0 && this.pendingThinking.length === 0) return
    const content = this.pendingContent
    const thinking = this.pendingThinking
    this.pendingContent = ''
    this.pendingThinking = ''
    this.options.emitDelta(content, thinking)
  }

  private saveCheckpoint(): void {
    this.checkpointTimer = undefined
    this.options.checkpoint(this.contentSoFar, this.thinkingSoFar)
  }
}
