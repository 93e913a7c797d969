import { formatMegabytes } from './format'

/**
 * Bounds of an import, shared so the window refuses a file before reading it exactly where main would refuse it.
 *
 * 200 MB holds thousands of text conversations or a few dozen full-size images; the file is read into memory whole
 * (as text in the window, then parsed in main), which is what a desktop app can afford without risk.
 */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024

/** The sentence for a file over {@link MAX_IMPORT_BYTES}, or `null` when it fits. */
export function importSizeProblem(bytes: number): string | null {
  if (bytes <= MAX_IMPORT_BYTES) return null
  return `The file is ${formatMegabytes(bytes)}; ollmchat imports files of up to ${formatMegabytes(MAX_IMPORT_BYTES)}.`
}

/**
 * The sentence for a JSON export that would be larger than an import takes back (`maxBytes`, the import's bound), or
 * `null` when it fits: refused before the file is made, as a file that cannot come back is no export of one's data.
 */
export function exportSizeProblem(
  bytes: number,
  { maxBytes = MAX_IMPORT_BYTES, single }: { maxBytes?: number; single: boolean },
): string | null {
  if (bytes <= maxBytes) return null
  const bound = `larger than the ${formatMegabytes(maxBytes)} ollmchat can import back`
  return single
    ? `This conversation’s JSON file would be ${bound}. The Markdown export holds its text, without the images.`
    : `A JSON file of these conversations would be ${bound}. Export fewer conversations, or one conversation at a time.`
}
