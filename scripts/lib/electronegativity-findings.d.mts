export interface Finding {
  check: string
  severity: string
  confidence: string
  file: string
  location: string
}
export interface Explanation {
  check: string
  file: string
  reason: string
}
/** The findings of an electronegativity CSV report. */
export function parseFindings(csv: string): Finding[]
/** The explained findings listed in docs/security.md's table. */
export function explainedFindings(markdown: string): Explanation[]
/** Findings no explanation covers, and explanations no finding needs any more. */
export function compareFindings(findings: Finding[], explained: Explanation[]): { unexplained: Finding[]; stale: Explanation[] }
