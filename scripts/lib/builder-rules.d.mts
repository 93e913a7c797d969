/** Width and height of a PNG file's first frame, or undefined when `buffer` is not a PNG. */
export function pngSize(buffer: Buffer): { width: number; height: number } | undefined
/** The problems with electron-builder's resolved configuration for the project in `root` (empty when fine). */
export function checkProjectRules(config: Record<string, unknown>, root: string): string[]
