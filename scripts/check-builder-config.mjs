// Offline check of electron-builder.yml: electron-builder's own schema validation (the internal module
// app-builder-lib uses; it may move between versions), then the project's rules (checkProjectRules).
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkProjectRules } from './lib/builder-rules.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config')
const { DebugLogger } = require('builder-util')

const config = await getConfig(root, null, null)
try {
  await validateConfiguration(config, new DebugLogger(false))
} catch (error) {
  console.error(`electron-builder config INVALID (schema):\n${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
const problems = checkProjectRules(config, root)
if (problems.length > 0) {
  console.error(`electron-builder config INVALID (project rules):\n${problems.map((p) => `- ${p}`).join('\n')}`)
  process.exit(1)
}
console.log(`electron-builder config OK: ${config.appId}`)
