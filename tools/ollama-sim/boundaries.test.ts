import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The simulator is a tool beside the app, not part of it: eslint.config.js keeps both directions apart. These
// cases run the repo's own lint config on one import line, in the place of a real file of each kind.
const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const eslint = new ESLint({
  cwd: repoRoot,
  // Only the import rule matters here, so the type-aware parse (the slow part) is switched off.
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
})

async function importRefusals(filePath: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${specifier}'\nexport const y = x\n`, { filePath })
  return (result?.messages ?? []).map((message) => message.message)
}

describe('the simulator and the app stay apart (eslint.config.js)', () => {
  it.each([
    ['tools/ollama-sim/versions.ts', '../../src-main/core/ollama/model-name', 'imports nothing from the app'],
    ['tools/ollama-sim/routes/chat.ts', '../../../src-renderer/lib/model-names', 'imports nothing from the app'],
    ['tools/ollama-sim/cli.ts', '../../scripts/lib/renderer-build.mjs', 'must not import from scripts/'],
  ])('the simulator file %s may not import %s', async (filePath, specifier, reason) => {
    expect((await importRefusals(filePath, specifier)).join('\n')).toContain(reason)
  })

  it.each([
    ['src-main/core/log.ts', '../../tools/ollama-sim'],
    ['src-main/electron/window.ts', '../../tools/ollama-sim'],
    ['src-main/browser/browser-server.ts', '../../tools/ollama-sim/cli-args'],
    ['src-renderer/main.tsx', '../tools/ollama-sim'],
    ['src-shared/ipc/contract.ts', '../../tools/ollama-sim/names'],
  ])('product code (%s) may not import %s', async (filePath, specifier) => {
    expect((await importRefusals(filePath, specifier)).join('\n')).toContain('Product code must not import from tools/')
  })

  it.each([
    ['src-main/test-support/core-harness.ts', '../../tools/ollama-sim/index'],
    ['src-main/core/app-core.test.ts', '../../tools/ollama-sim/index'],
    ['e2e/fixtures/app.ts', '../../tools/ollama-sim/index'],
    ['bench/long-conversation.ts', '../tools/ollama-sim/index'],
    ['scripts/demo.ts', '../tools/ollama-sim/index'],
  ])('%s, a test, benchmark or script, may import %s', async (filePath, specifier) => {
    expect(await importRefusals(filePath, specifier)).toEqual([])
  })
})
