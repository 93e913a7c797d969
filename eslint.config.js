// Lint rules that keep the architecture honest: the core runs in plain Node, the renderer never reaches
// Node or main, and only the thin Electron shell may import `electron` or `electron-store`.
import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const electronOnlyInShell = {
  paths: [
    { name: 'electron', message: 'Only src-main/electron/ may import electron: the core must run in plain Node.' },
    { name: 'electron-store', message: 'Only src-main/electron/ may import electron-store (it imports electron).' },
  ],
}
const noTestSupport = { group: ['**/test-support/**'], message: 'Runtime code must not import test support.' }
// Scripts may import product code (a rule both share lives there), never the other way round.
const noScripts = {
  group: ['**/scripts/**'],
  message: 'Product code must not import from scripts/: move the shared rule into src-*.',
}
// tools/ (the Ollama simulator) serves tests, the demo and benchmarks; the app never ships it.
const noTools = {
  group: ['**/tools/**'],
  message: 'Product code must not import from tools/: the simulator is for tests, the demo and benchmarks.',
}

export default defineConfig(
  globalIgnores(['out/', 'dist/', 'test-results/', 'playwright-report/', 'reports/', 'node_modules/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  {
    files: ['src-main/**', 'tools/**', 'scripts/**', 'bench/**', 'e2e/**', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A file nearing 300 lines usually holds more than one purpose: split it.
      'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // A function over 80 lines does several things. React components (.tsx) are mostly markup, and tests are
    // lists of steps: both are exempt.
    files: ['**/*.{ts,mts,js,mjs}'],
    ignores: ['**/*.test.{ts,tsx}', 'e2e/**', '**/test-support/**', '**/test-fixtures/**'],
    rules: { 'max-lines-per-function': ['warn', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['**/*.{ts,tsx,mts}'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      // Handlers are async on purpose even without an await: a throw then becomes a rejection that dispatch maps.
      '@typescript-eslint/require-await': 'off',
    },
  },
  // Plain JavaScript (scripts, configs) is not in a tsconfig: no type-aware rules there.
  { files: ['**/*.{js,mjs,cjs}'], extends: [tseslint.configs.disableTypeChecked] },
  {
    files: ['src-main/**/*.ts'],
    // Test fixtures (`test-fixtures/`) are test code too: only tests import them.
    ignores: [
      'src-main/electron/**',
      'src-main/**/*.test.ts',
      'src-main/**/test-fixtures/**',
      'src-main/test-support/**',
    ],
    rules: {
      'no-restricted-imports': ['error', { ...electronOnlyInShell, patterns: [noTestSupport, noScripts, noTools] }],
    },
  },
  {
    files: ['src-main/electron/**/*.ts'],
    // main.ts only hands the real ipcMain to the bridge; the bridge and the preload are the only users.
    ignores: [
      'src-main/electron/**/*.test.ts',
      'src-main/electron/ipc-bridge.ts',
      'src-main/electron/preload.ts',
      'src-main/electron/main.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message: 'IPC goes through ipc-bridge.ts (main) and preload.ts (renderer), both typed from the contract.',
            },
          ],
          patterns: [noTestSupport, noScripts, noTools],
        },
      ],
    },
  },
  {
    files: ['src-main/electron/ipc-bridge.ts', 'src-main/electron/preload.ts', 'src-main/electron/main.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noTestSupport, noScripts, noTools] }] },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyInShell,
          patterns: [
            { group: ['node:*'], message: 'src-shared is platform-neutral: no Node modules.' },
            {
              group: ['**/src-main/**', '**/src-renderer/**'],
              message: 'src-shared imports nothing from main or renderer.',
            },
            noScripts,
            noTools,
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    extends: [reactHooks.configs.flat['recommended-latest']],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyInShell,
          patterns: [
            { group: ['node:*'], message: 'The renderer is a web page: no Node modules.' },
            { group: ['**/src-main/**'], message: 'The renderer reaches main only through the bridge.' },
            noScripts,
            noTools,
          ],
        },
      ],
    },
  },
  {
    // The simulator models Ollama on its own: it may share src-shared's types, never the app's code or scripts.
    files: ['tools/ollama-sim/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src-main/**', '**/src-renderer/**'],
              message: 'The simulator imports nothing from the app: it models Ollama on its own.',
            },
            noScripts,
          ],
        },
      ],
    },
  },
)
