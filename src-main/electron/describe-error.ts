/** How the shell writes a caught error into the log: the stack when there is one, since a log line is read later. */
export const describeError = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? error.message) : String(error)
