/** Display helpers used by both the renderer and main's notices, so a context reads the same everywhere. */

/** `16384` → `16K`, `131072` → `128K`, `1048576` → `1M`, `5000` → `5,000`. */
export function formatContext(tokens: number): string {
  if (tokens >= 1_048_576 && tokens % 1_048_576 === 0) return `${tokens / 1_048_576}M`
  if (tokens >= 1024 && tokens % 1024 === 0) return `${tokens / 1024}K`
  return tokens.toLocaleString('en-US')
}

/**
 * A token count in round numbers, for "about" sentences and the context meter: `812`, `9.2K`, `16K`, `1.2M`. K is
 * 1,024 tokens, as context lengths are counted, so "9.2K tokens; it runs with 8K" compares like with like.
 */
export function formatTokenCount(tokens: number): string {
  if (tokens < 1024) return Math.round(tokens).toLocaleString('en-US')
  const [value, unit] = tokens < 1_048_576 ? [tokens / 1024, 'K'] : [tokens / 1_048_576, 'M']
  return `${Number(value.toFixed(value < 10 ? 1 : 0)).toLocaleString('en-US')}${unit}`
}

/**
 * A number label with its article, as it is read aloud: `an 8K` ("an eight-K"), `an 11K`, `an 18,000`, `an 80K`,
 * but `a 16K`, `a 110K`, `a 1M`. `capital` for the start of a sentence. The one place English picks a/an for a
 * number.
 */
export function withArticle(label: string, { capital = false }: { capital?: boolean } = {}): string {
  const article = /^8|^1[18](?!\d)/.test(label) ? 'an' : 'a'
  return `${capital ? article.replace('a', 'A') : article} ${label}`
}

/** `an 8K context`, `a 16K context` (see `withArticle`); `capital` for the start of a sentence. */
export function aContext(tokens: number, options: { capital?: boolean } = {}): string {
  return `${withArticle(formatContext(tokens), options)} context`
}

/** Bytes for people: `4.7 GB`, `812 MB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit += 1
  }
  const digits = value >= 100 || unit === 0 ? 0 : 1
  return `${value.toFixed(digits)} ${units[unit]}`
}

/**
 * A size limit or a file's size in whole megabytes (MiB, as the limits are set): `10 MB`, `1,024 MB`. Rounded up, so
 * a file just over a limit never reads as the limit itself ("201 MB; files of up to 200 MB", not "200 MB; … 200 MB").
 */
export const formatMegabytes = (bytes: number): string =>
  `${Math.ceil(bytes / (1024 * 1024)).toLocaleString('en-US')} MB`

/** `llama3:latest` reads as `llama3` in sentences. */
export const shortModelName = (name: string): string => name.replace(/:latest$/i, '')
