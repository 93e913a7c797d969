/**
 * Help → Report a problem: a new-issue page on the project's repository, prefilled with the versions that matter
 * for a bug report and nothing else. The URL is built only from the facts passed in (never from a conversation),
 * so no chat content can reach a browser's address bar, history or the issue tracker by accident.
 */

/**
 * Where the project's issues and releases live. A placeholder until the project is published: change it here and
 * in electron-builder.yml's `publish` (the README's "Updates" section says so; a test keeps the two in step).
 */
export const PROJECT_REPOSITORY = { owner: 'ollmchat-project-owner', repo: 'ollmchat' } as const

/** Browsers and GitHub refuse very long addresses (GitHub answers 414 from about 8 KB); this stays well below. */
export const MAX_REPORT_URL_LENGTH = 2_000

/** The longest any one version fact may be in the report; longer values are cut. */
const MAX_FACT_LENGTH = 80

/** The facts a report carries. */
export interface ProblemReportFacts {
  appVersion: string
  electronVersion: string
  /** The operating system and its release, e.g. `linux 6.8.0 (x64)`. */
  os: string
  /** Ollama's version, or `null` when it did not answer. */
  ollamaVersion: string | null
}

const fact = (value: string): string => {
  const oneLine = value.replace(/\s+/g, ' ').trim()
  return oneLine.length > MAX_FACT_LENGTH ? `${oneLine.slice(0, MAX_FACT_LENGTH - 1)}…` : oneLine
}

/** The body: questions for the person, then the versions. */
export function problemReportBody(facts: ProblemReportFacts): string {
  return [
    '**What happened?**',
    '',
    '',
    '**What did you expect instead?**',
    '',
    '',
    '**Steps to make it happen again**',
    '',
    '',
    '**Versions**',
    `- ollmchat: ${fact(facts.appVersion)}`,
    `- Electron: ${fact(facts.electronVersion)}`,
    `- Operating system: ${fact(facts.os)}`,
    `- Ollama: ${facts.ollamaVersion === null ? 'not reachable' : fact(facts.ollamaVersion)}`,
    '',
    'Please leave out anything private from your chats. The log (Help → Open log folder) can help; check it before attaching it.',
  ].join('\n')
}

/** The new-issue URL, at most `MAX_REPORT_URL_LENGTH` characters (each fact is cut to keep it so). */
export function problemReportUrl(facts: ProblemReportFacts, repository = PROJECT_REPOSITORY): string {
  const query = new URLSearchParams({ title: '', body: problemReportBody(facts) })
  const url = `https://github.com/${repository.owner}/${repository.repo}/issues/new?${query.toString()}`
  // The facts are bounded, so only a repository name of absurd length could pass the limit; never send more.
  return url.slice(0, MAX_REPORT_URL_LENGTH)
}
