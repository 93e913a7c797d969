import { afterEach, expect, it, vi } from 'vitest'
import { ok } from '../../src-shared/ipc/result'
import { createFakeBridge } from '../test-support/fake-bridge'
import { createErrorReporter, installErrorReporter, reportError, withComponentStack } from './report-error'

afterEach(() => vi.restoreAllMocks())

it('sends a window failure to the log, bounded, and stops after twenty so a repeating one cannot flood it', async () => {
  vi.spyOn(console, 'error').mockImplementation(() => {})
  const fake = createFakeBridge()
  fake.handle('app:reportError', () => ok({ logged: true }))
  const report = createErrorReporter(fake.bridge)
  const failure = new Error('x'.repeat(10_000))
  for (let index = 0; index < 25; index += 1) report('the chat view crashed', failure)
  await vi.waitFor(() => expect(fake.callsTo('app:reportError')).toHaveLength(20))
  const first = fake.callsTo('app:reportError')[0]
  expect(first?.where).toBe('the chat view crashed')
  expect(first?.message).toHaveLength(4_000)
  expect(first?.stack).toContain('Error')
  report('after the cap', 'plain text')
  expect(fake.callsTo('app:reportError')).toHaveLength(20)
})

it('sends what an error boundary caught to the installed reporter, with where in the window it happened', () => {
  const seen: Array<[string, unknown]> = []
  installErrorReporter((where, error) => seen.push([where, error]))
  reportError(
    'message m1 could not be rendered',
    withComponentStack(new Error('bad node'), { componentStack: '\n    at MarkdownBlock' }),
  )
  expect(seen[0]?.[0]).toBe('message m1 could not be rendered')
  expect(String((seen[0]?.[1] as Error).stack)).toContain('at MarkdownBlock')
})
