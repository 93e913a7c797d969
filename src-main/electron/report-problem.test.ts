import { describe, expect, it } from 'vitest'
import { MAX_REPORT_URL_LENGTH, PROJECT_REPOSITORY, problemReportUrl, type ProblemReportFacts } from './report-problem'

const facts: ProblemReportFacts = {
  appVersion: '1.2.3',
  electronVersion: '41.7.1',
  os: 'linux 6.8.0 (x64)',
  ollamaVersion: '0.12.3',
}
const bodyOf = (url: string) => new URL(url).searchParams.get('body') ?? ''

describe('problemReportUrl', () => {
  it('opens a new issue on the project repository with every version in the body', () => {
    const url = problemReportUrl(facts)
    expect(
      url.startsWith(`https://github.com/${PROJECT_REPOSITORY.owner}/${PROJECT_REPOSITORY.repo}/issues/new?`),
    ).toBe(true)
    const body = bodyOf(url)
    for (const line of [
      '- ollmchat: 1.2.3',
      '- Electron: 41.7.1',
      '- Operating system: linux 6.8.0 (x64)',
      '- Ollama: 0.12.3',
    ])
      expect(body).toContain(line)
    expect(bodyOf(problemReportUrl({ ...facts, ollamaVersion: null }))).toContain('- Ollama: not reachable')
  })

  it('stays within the length bound even when the facts are huge, and still decodes', () => {
    const long = 'x'.repeat(20_000)
    const url = problemReportUrl({
      appVersion: long,
      electronVersion: long,
      os: `${long}\n${long}`,
      ollamaVersion: long,
    })
    expect(url.length).toBeLessThanOrEqual(MAX_REPORT_URL_LENGTH)
    expect(bodyOf(url)).toContain('- Ollama: ')
    expect(
      bodyOf(url)
        .split('\n')
        .filter((line) => line.startsWith('- Operating system:')),
    ).toHaveLength(1)
  })
})

describe('PROJECT_REPOSITORY', () => {
  it('is the repository electron-builder.yml publishes updates to', async () => {
    const { readFileSync } = await import('node:fs')
    const yml = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')
    const publish = yml.slice(yml.indexOf('\npublish:'))
    expect(publish).toContain('provider: github')
    expect(publish).toContain(`owner: ${PROJECT_REPOSITORY.owner}`)
    expect(publish).toContain(`repo: ${PROJECT_REPOSITORY.repo}`)
  })
})
