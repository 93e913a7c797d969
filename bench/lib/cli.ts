import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { machineLine } from './report'

/** Command-line options every benchmark understands. */
export interface BenchOptions {
  /** `--quick`: small sizes and few rounds, for a smoke run in seconds. */
  quick: boolean
  /** `--rounds N`: measured rounds instead of the benchmark's default. */
  rounds: number | null
}

/** A runnable benchmark: prints its header, runs its comparison, prints its table. */
export interface Benchmark {
  /** The file name without `.ts`, used to pick benchmarks in `run-all.ts`. */
  name: string
  run(options: BenchOptions): Promise<void>
}

/** Parses `--quick`, `--rounds N`; any other word is a benchmark name (for `run-all.ts`). Throws on bad input. */
export function parseBenchArgs(argv: readonly string[]): { options: BenchOptions; names: string[] } {
  const options: BenchOptions = { quick: false, rounds: null }
  const names: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--') continue
    if (arg === '--quick') options.quick = true
    else if (arg === '--rounds') {
      const value = Number(argv[++i])
      if (!Number.isInteger(value) || value < 1) throw new Error('--rounds needs a whole number of at least 1')
      options.rounds = value
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg} (known: --quick, --rounds N)`)
    else names.push(arg)
  }
  return { options, names }
}

/** True when the module at `moduleUrl` is the script Node was started with (not imported by `run-all.ts`). */
export function isMainModule(moduleUrl: string): boolean {
  const script = process.argv[1]
  return script !== undefined && pathToFileURL(resolve(script)).href === moduleUrl
}

/** The rounds to measure: `--rounds`, else the quick or the full default. */
export const roundsFor = (options: BenchOptions, full: number, quick: number): number =>
  options.rounds ?? (options.quick ? quick : full)

/** Runs one benchmark as a script; sets a failing exit code instead of throwing past the top level. */
export async function runStandalone(benchmark: Benchmark): Promise<void> {
  try {
    const { options } = parseBenchArgs(process.argv.slice(2))
    process.stdout.write(`machine: ${machineLine()}${options.quick ? ' (quick run)' : ''}\n`)
    await benchmark.run(options)
  } catch (error) {
    process.stderr.write(
      `${benchmark.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
    process.exitCode = 1
  }
}

/** Progress on stderr, so stdout stays the header and the tables. */
export const progress = (text: string): void => void process.stderr.write(`  ${text}\n`)
