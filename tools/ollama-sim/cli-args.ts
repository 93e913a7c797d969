import { CLI_DEFAULT_MODELS } from './catalog'
import type { SimCloudAuth, SimOptions, SimRegistryStatus } from './types'

/** CLI usage text. */
export const USAGE = `Usage: npm run fake-ollama -- [options]
  --port <n>          port to listen on (default 11434; 0 = any free port)
  --host <addr>       address to bind (default 127.0.0.1)
  --models <a,b,c>    installed models (default ${CLI_DEFAULT_MODELS.join(',')}); '' for none
  --token-delay <ms>  delay between streamed tokens (default 25)
  --load-delay <ms>   delay when a model (re)loads (default 0)
  --gpu-memory <size> total VRAM: bytes, or K/M/G/T in binary units (24G = 24 GiB; default 8G)
  --system-memory <size>
                      system RAM, same units (default 32G)
  --context-length <n>
                      OLLAMA_CONTEXT_LENGTH (default 0 = automatic: 4096/32768/262144 by VRAM)
  --cloud <state>     signed-in | signed-out | disabled (default signed-in)
  --ollama-version <v>
                      version to report and behave as (default 0.32.15; below 0.5.5 /api/create refuses 'from')
  --pull-speed <size> pull download speed per second, same units (default 2 GB/s = 2000000000)
  --registry <state>  online | offline (default online; offline pulls fail with Go's DNS error)
  --registry-latency <ms>
                      registry round trip before a manifest answer and before a blob's bytes flow (default 0)
  --disk-free <size>  free disk space for downloads, same units (default unlimited)
  --require-header 'Name: value'
                      act as an authenticating proxy: 401 Unauthorized without this exact header (repeatable;
                      not Ollama behaviour; values are never logged)
  --help              show this help`

function numberFlag(flag: string, value: string | undefined): number {
  const n = Number(value)
  if (value === undefined || value.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new Error(`${flag} needs a non-negative number`)
  return n
}

const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 }

/** A byte count: plain bytes, or a number with K, M, G or T (optionally followed by iB or B), all binary. */
export function parseBytes(flag: string, value: string | undefined): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?\s*$/i.exec(value ?? '')
  if (match === null) throw new Error(`${flag} needs a size in bytes, e.g. 8589934592 or 8G`)
  return Math.round(Number(match[1]) * (UNITS[(match[2] ?? '').toUpperCase()] ?? 1))
}

const CLOUD_STATES: readonly SimCloudAuth[] = ['signed-in', 'signed-out', 'disabled']

function cloudFlag(flag: string, value: string | undefined): SimCloudAuth {
  const state = CLOUD_STATES.find((s) => s === value)
  if (state === undefined) throw new Error(`${flag} needs one of ${CLOUD_STATES.join(', ')}`)
  return state
}

const REGISTRY_STATES: readonly SimRegistryStatus[] = ['online', 'offline']

function registryFlag(flag: string, value: string | undefined): SimRegistryStatus {
  const state = REGISTRY_STATES.find((s) => s === value)
  if (state === undefined) throw new Error(`${flag} needs one of ${REGISTRY_STATES.join(', ')}`)
  return state
}

/** `Name: value` as curl's `-H` takes it; the name must be an HTTP token. */
export function parseHeader(flag: string, value: string | undefined): [string, string] {
  const colon = (value ?? '').indexOf(':')
  const name = (value ?? '').slice(0, Math.max(0, colon)).trim()
  if (colon < 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
    throw new Error(`${flag} needs 'Name: value', e.g. 'Authorization: Bearer token'`)
  return [name, (value ?? '').slice(colon + 1).trim()]
}

function textFlag(flag: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw new Error(`${flag} needs a value`)
  return value.trim()
}

/** Parses CLI flags (`--flag value` or `--flag=value`) into simulator options; throws with a message on bad input. */
export function parseCliArgs(argv: string[]): SimOptions | 'help' {
  const options: SimOptions = {
    port: 11434,
    models: [...CLI_DEFAULT_MODELS],
    tokenDelayMs: 25,
    quiet: false,
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    const eq = arg.indexOf('=')
    const flag = eq >= 0 ? arg.slice(0, eq) : arg
    const value = () => (eq >= 0 ? arg.slice(eq + 1) : argv[++i])
    switch (flag) {
      case '--help':
      case '-h':
        return 'help'
      case '--port':
        options.port = numberFlag(flag, value())
        break
      case '--host':
        options.host = value() ?? '127.0.0.1'
        break
      case '--models':
        options.models = (value() ?? '')
          .split(',')
          .map((m) => m.trim())
          .filter((m) => m !== '')
        break
      case '--token-delay':
        options.tokenDelayMs = numberFlag(flag, value())
        break
      case '--load-delay':
        options.loadDelayMs = numberFlag(flag, value())
        break
      case '--gpu-memory':
        options.gpuMemoryBytes = parseBytes(flag, value())
        break
      case '--system-memory':
        options.systemMemoryBytes = parseBytes(flag, value())
        break
      case '--context-length':
        options.contextLengthEnv = Math.trunc(numberFlag(flag, value()))
        break
      case '--cloud':
        options.cloudAuth = cloudFlag(flag, value())
        break
      case '--ollama-version':
        options.version = textFlag(flag, value())
        break
      case '--pull-speed':
        options.pullBytesPerSecond = parseBytes(flag, value())
        break
      case '--registry':
        options.registryStatus = registryFlag(flag, value())
        break
      case '--registry-latency':
        options.registryLatencyMs = numberFlag(flag, value())
        break
      case '--disk-free':
        options.diskFreeBytes = parseBytes(flag, value())
        break
      case '--require-header': {
        const [name, headerValue] = parseHeader(flag, value())
        options.requiredHeaders = { ...options.requiredHeaders, [name]: headerValue }
        break
      }
      default:
        throw new Error(`unknown option ${arg}`)
    }
  }
  return options
}
