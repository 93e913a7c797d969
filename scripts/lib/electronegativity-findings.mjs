// Electronegativity's CSV report against the findings docs/security.md explains: the table there is the one
// list, so the CI step and the document cannot disagree. A finding is matched by check and file, not by line
// (lines move with every build).

/** @typedef {{ check: string, severity: string, confidence: string, file: string, location: string }} Finding */
/** @typedef {{ check: string, file: string, reason: string }} Explanation */

/**
 * The findings of an electronegativity CSV report: check, severity, confidence, file, location. Read line by line
 * from the start of each record: the five leading fields are plain, while the sample after them is source code
 * the tool writes without escaping its quotes.
 * @param {string} csv
 * @returns {Finding[]}
 */
export function parseFindings(csv) {
  const [header = '', ...lines] = csv.split(/\r?\n/)
  if (!header.startsWith('issue,')) throw new Error('This is not an electronegativity CSV report (no "issue" header).')
  const record = /^([A-Z][A-Z0-9_]*),"([^"]*)","([^"]*)","([^"]*)","([^"]*)"/
  return lines
    .map((line) => record.exec(line))
    .filter((match) => match !== null)
    .map(([, check = '', severity = '', confidence = '', file = '', location = '']) => ({
      check,
      severity,
      confidence,
      file,
      location,
    }))
}

/**
 * The explained findings: table rows of the form | `CHECK_ID` | `file` | reason | in docs/security.md.
 * @param {string} markdown
 * @returns {Explanation[]}
 */
export function explainedFindings(markdown) {
  const row = /^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|\s*`([^`]+)`\s*\|([^|]+)\|\s*$/
  return markdown
    .split(/\r?\n/)
    .map((line) => row.exec(line))
    .filter((match) => match !== null)
    .map(([, check = '', file = '', reason = '']) => ({ check, file, reason: reason.trim() }))
}

/**
 * Findings no explanation covers, and explanations no finding needs any more (the document would be stale).
 * @param {Finding[]} findings
 * @param {Explanation[]} explained
 * @returns {{ unexplained: Finding[], stale: Explanation[] }}
 */
export function compareFindings(findings, explained) {
  const key = (/** @type {{ check: string, file: string }} */ entry) => `${entry.check} ${entry.file}`
  const explainedKeys = new Set(explained.map(key))
  const foundKeys = new Set(findings.map(key))
  return {
    unexplained: findings.filter((finding) => !explainedKeys.has(key(finding))),
    stale: explained.filter((entry) => !foundKeys.has(key(entry))),
  }
}
