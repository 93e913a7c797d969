import { CLI_DEFAULT_MODELS } from './catalog'
import type { SimOptions } from './types'

/** CLI usage text. */
export const USAGE = `Usage: npm run fake-ollama -- [options]
  --port <n>          port to listen on (default 11434; 0 = any free port)
  --host <addr>       address to bind (default 127.0.0.1)
  --models <a,b,c>    installed models (default ${CLI_DEFAULT_MODELS.join(',')}); '' for none
  --token-delay <ms>  delay between streamed tokens (default 25)
  --load-delay <ms>   delay when a model (re)loads (default 0)
  --help              show this help`

function numberFlag(flag: string, value: string | undefined): number {
  const n = Number(value)
  if (value === undefined || value.trim() === '' || !Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a non-negative number`)
  return n
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
        options.models = (value() ?? '').split(',').map((m) => m.trim()).filter((m) => m !== '')
        break
      case '--token-delay':
        options.tokenDelayMs = numberFlag(flag, value())
        break
      case '--load-delay':
        options.loadDelayMs = numberFlag(flag, value())
        break
      default:
        throw new Error(`unknown option ${arg}`)
    }
  }
  return options
}
