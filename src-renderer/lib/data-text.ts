import type { DataProgress, ImportReport } from '../../src-shared/types'

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`

/** "Imported 3 conversations (41 messages, 2 images) from Open WebUI." plus what was copied or left out. */
export function importReportText(report: ImportReport): string {
  const from = report.source === 'open-webui' ? ' from Open WebUI' : ''
  const images = report.images > 0 ? `, ${plural(report.images, 'image')}` : ''
  const sentences = [
    `Imported ${plural(report.conversations, 'conversation')} (${plural(report.messages, 'message')}${images})${from}.`,
  ]
  if (report.copies === 1) sentences.push('One was already here, so it came in as a copy.')
  if (report.copies > 1)
    sentences.push(`${report.copies.toLocaleString('en-US')} were already here, so they came in as copies.`)
  if (report.imagesLeftOut > 0) {
    sentences.push(
      `${plural(report.imagesLeftOut, 'image')} stayed behind: Open WebUI kept ${report.imagesLeftOut === 1 ? 'it' : 'them'} on its server, not in the file.`,
    )
  }
  return sentences.join(' ')
}

const PHASES: Record<DataProgress['phase'], string> = { exporting: 'Exporting', checking: 'Checking', saving: 'Saving' }

/** "Checking 3 of 10 conversations…", or a plain "Exporting…" before the first count. */
export function progressText(operation: 'export' | 'import', progress: DataProgress | null): string {
  if (progress === null) return operation === 'export' ? 'Exporting…' : 'Reading the file…'
  return `${PHASES[progress.phase]} ${progress.done.toLocaleString('en-US')} of ${plural(progress.total, 'conversation')}…`
}
