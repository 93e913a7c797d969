// The real app core in a child process (test-fixtures/kill-loop-core.ts), driven over its stdin and stdout.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { Channel, Out } from '../../../../src-shared/ipc/contract'
import type { Result } from '../../../../src-shared/ipc/result'

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url))
const entry = fileURLToPath(new URL('./kill-loop-core.ts', import.meta.url))

/** What the child reports as a reply streams. */
export interface CoreProgress {
  event: 'ready' | 'chat:started' | 'chat:delta'
  /** Characters of reply text streamed so far (deltas only). */
  streamed?: number
}

export interface CoreProcess {
  request<C extends Channel>(channel: C, input: unknown): Promise<Result<Out<C>>>
  /** Resolves at the first progress line `until` accepts (also one already seen). */
  progress(until: (progress: CoreProgress) => boolean): Promise<CoreProgress>
  /** SIGKILL: no clean-up, no checkpoint, as a crash or a power cut of the process. Resolves once it is gone. */
  kill(): Promise<void>
}

/** Starts the core on `dataDir` against the Ollama at `ollamaUrl`; resolves once it is ready for requests. */
export async function startCoreProcess(dataDir: string, ollamaUrl: string): Promise<CoreProcess> {
  // `node --import tsx` rather than the tsx CLI: the CLI runs the script in a grandchild that SIGKILL would orphan.
  const child = spawn(process.execPath, ['--import', 'tsx', entry, dataDir, ollamaUrl], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  const answers = new Map<number, (result: Result<never>) => void>()
  const seen: CoreProgress[] = []
  const waiters: { until: (progress: CoreProgress) => boolean; resolve: (progress: CoreProgress) => void }[] = []
  createInterface({ input: child.stdout }).on('line', (line) => {
    const message = JSON.parse(line) as { id?: number; result?: Result<never> } & CoreProgress
    if (message.id !== undefined) {
      answers.get(message.id)?.(message.result as Result<never>)
      answers.delete(message.id)
      return
    }
    seen.push(message)
    for (const waiter of waiters.filter((candidate) => candidate.until(message))) {
      waiters.splice(waiters.indexOf(waiter), 1)
      waiter.resolve(message)
    }
  })
  const progress = (until: (progress: CoreProgress) => boolean) =>
    Promise.race([
      new Promise<CoreProgress>((resolve) => {
        const already = seen.find(until)
        if (already) resolve(already)
        else waiters.push({ until, resolve })
      }),
      exited.then(() => Promise.reject(new Error(`the core process ended: ${stderr}`))),
    ])
  let nextId = 0
  const core: CoreProcess = {
    request(channel, input) {
      const id = ++nextId
      return new Promise((resolve) => {
        answers.set(id, resolve)
        child.stdin.write(`${JSON.stringify({ id, channel, input })}\n`)
      })
    },
    progress,
    async kill() {
      child.kill('SIGKILL')
      await exited
    },
  }
  await progress((line) => line.event === 'ready')
  return core
}
