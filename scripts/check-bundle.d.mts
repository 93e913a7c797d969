/** The first page's JS, gzip, in kB (1,000 bytes, as Vite's build report counts). */
export const FIRST_LOAD_BUDGET_KB: number
export interface BundleSizes {
  firstLoadFiles: string[]
  firstLoadJsBytes: number
  firstLoadJsGzipBytes: number
  totalJsBytes: number
  totalJsGzipBytes: number
  jsFiles: number
  fonts: Record<string, { files: number; bytes: number }>
}
/** Sizes of the build in `dir`: first-load JS (raw and gzip), all JS, and font files by format. */
export function bundleSizes(dir: string): BundleSizes
