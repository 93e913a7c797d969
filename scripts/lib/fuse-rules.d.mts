/** Every fuse the packaged app must have, with its required value (electron-builder's `electronFuses` names). */
export const REQUIRED_FUSES: Readonly<Record<string, boolean>>
/** The problems with `config.electronFuses` (empty when every required fuse has its value). */
export function fuseProblems(config: Record<string, unknown>): string[]
