/** What a finished step reports. `ok` means exit code 0 within the deadline. */
export interface StepResult {
  ok: boolean
  code: number | null
  timedOut: boolean
  /** The last 64 KiB of stdout and stderr, interleaved. */
  output: string
}
export interface StepOptions {
  cwd: string
  env: Record<string, string | undefined>
  timeoutMs: number
}
/**
 * Runs `command args` in `cwd` with `env`; never rejects. Kills the whole process tree after `timeoutMs`, and when
 * this process is interrupted (SIGINT, SIGTERM) or exits first.
 */
export function runStep(command: string, args: readonly string[], options: StepOptions): Promise<StepResult>
/** The signature install flows take, so tests can substitute the child processes. */
export type RunStep = typeof runStep
