// Setup file of the renderer test project (vitest.config.ts): lends the renderer tests main's recorder, since the
// renderer's own files may not import Node modules (see src-renderer/test-support/reliability-record.ts).
import { recordReliability } from './reliability-record'

;(globalThis as { recordReliability?: typeof recordReliability }).recordReliability = recordReliability
