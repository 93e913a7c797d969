import { cleanupScale } from './cleanup-scale'
import { historyCheckpoints } from './history-checkpoints'
import { parseBenchArgs, type Benchmark } from './lib/cli'
import { machineLine } from './lib/report'
import { longConversation } from './long-conversation'
import { search } from './search'
import { startAndBundle } from './start-and-bundle'
import { streamFanout } from './stream-fanout'
import { warmChatOverhead } from './warm-chat-overhead'

const ALL: readonly Benchmark[] = [
  warmChatOverhead,
  streamFanout,
  historyCheckpoints,
  search,
  cleanupScale,
  longConversation,
  startAndBundle,
]

/**
 * `npm run bench [-- --quick] [-- --rounds N] [names…]`: runs every benchmark (or the named ones) one after the
 * other in this process, then says which failed. Benchmarks are never part of `npm test`.
 */
async function main(): Promise<void> {
  const { options, names } = parseBenchArgs(process.argv.slice(2))
  const unknown = names.filter((name) => !ALL.some((benchmark) => benchmark.name === name))
  if (unknown.length > 0)
    throw new Error(`unknown benchmark ${unknown.join(', ')} (known: ${ALL.map((b) => b.name).join(', ')})`)
  const chosen = names.length === 0 ? ALL : ALL.filter((benchmark) => names.includes(benchmark.name))
  const started = Date.now()
  process.stdout.write(`machine: ${machineLine()}${options.quick ? ' (quick run)' : ''}\n`)
  const failed: string[] = []
  for (const benchmark of chosen) {
    try {
      await benchmark.run(options)
    } catch (error) {
      failed.push(benchmark.name)
      process.stderr.write(
        `${benchmark.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      )
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0)
  process.stdout.write(
    `\n${chosen.length - failed.length} of ${chosen.length} benchmarks ran in ${seconds} s${failed.length > 0 ? `; failed: ${failed.join(', ')}` : ''}\n`,
  )
  if (failed.length > 0) process.exitCode = 1
}

try {
  await main()
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
}
