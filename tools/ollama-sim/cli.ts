import { parseCliArgs, USAGE } from './cli-args'
import { serverDefaultNumCtx } from './context-window'
import { startOllamaSim } from './index'
import { DEFAULT_PULL_BYTES_PER_SECOND, DEFAULT_VERSION, environmentOf } from './state'

async function main(): Promise<void> {
  let options
  try {
    options = parseCliArgs(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`)
    process.exit(2)
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const sim = await startOllamaSim(options)
  process.stdout.write(`Ollama simulator listening on ${sim.url}\n`)
  process.stdout.write(`Models: ${sim.listModelNames().join(', ') || '(none)'}\n`)
  const env = environmentOf(options)
  const gib = (bytes: number) => `${Math.round((bytes / 1024 ** 3) * 10) / 10} GiB`
  const source = env.contextLengthEnv > 0 ? 'OLLAMA_CONTEXT_LENGTH' : `automatic, ${gib(env.gpuMemoryBytes)} VRAM`
  process.stdout.write(
    `Default context: ${serverDefaultNumCtx(env)} (${source}); RAM ${gib(env.systemMemoryBytes)}; cloud ${env.cloudAuth}\n`,
  )
  const speed = options.pullBytesPerSecond ?? DEFAULT_PULL_BYTES_PER_SECOND
  const disk = options.diskFreeBytes === undefined ? 'unlimited' : gib(options.diskFreeBytes)
  const mbPerSecond = Math.round(speed / 1e5) / 10
  process.stdout.write(
    `Ollama ${options.version ?? DEFAULT_VERSION}; registry ${options.registryStatus ?? 'online'}; pulls at ${mbPerSecond} MB/s; disk free ${disk}\n`,
  )
  // Names only: the values are credentials.
  const headers = Object.keys(options.requiredHeaders ?? {})
  if (headers.length > 0)
    process.stdout.write(`Behind a stand-in auth proxy (not Ollama) requiring: ${headers.join(', ')}\n`)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    process.stdout.write(`Received ${signal}, shutting down\n`)
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  process.stderr.write(`ollama-sim: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
