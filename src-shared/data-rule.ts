/**
 * Bounds of an import, shared so the window refuses a file before reading it exactly where main would refuse it.
 *
 * 200 MB holds thousands of text conversations or a few dozen full-size images; the file is read into memory whole
 * (as text in the window, then parsed in main), which is what a desktop app can afford without risk.
 */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024

const megabytes = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024)).toLocaleString('en-US')} MB`

/** The sentence for a file over {@link MAX_IMPORT_BYTES}, or `null` when it fits. */
export function importSizeProblem(bytes: number): string | null {
  if (bytes <= MAX_IMPORT_BYTES) return null
  return `The file is ${megabytes(bytes)}; ollmchat imports files of up to ${megabytes(MAX_IMPORT_BYTES)}.`
}
