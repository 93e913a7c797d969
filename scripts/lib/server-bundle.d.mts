/** The bundle's entries, by output name: the server (cli) and the search worker beside it. */
export function serverEntries(root: string): Record<string, string>
/** Bundles the server into `outdir` (default out/serve) and returns the path of its cli.js; exits 1 on a build error. */
export function bundleServerOrExit(root: string, options?: { entries?: Record<string, string>; outdir?: string }): Promise<string>
