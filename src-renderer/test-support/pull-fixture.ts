import { screen, within } from '@testing-library/react'
import type { Result } from '../../src-shared/ipc/result'
import type { PullOutcome, PullProgress } from '../../src-shared/types'
import { createFakeBridge, deferred, type FakeBridge } from './fake-bridge'
import { LOCAL_HOST } from './fixtures'
import { renderApp, type AppHarness } from './render-app'

/** What the pull tests share: a bridge whose pulls wait for the test, the Models page, and progress lines. */

/** Pulls that run until the test ends them: `models:pull` answers only when `finish` is called. */
export function pullingBridge(): {
  fake: FakeBridge
  finish: (requestId: string, answer: Result<PullOutcome>) => void
} {
  const fake = createFakeBridge()
  const open = new Map<string, (answer: Result<PullOutcome>) => void>()
  fake.handle('models:pull', ({ requestId }) => {
    const answer = deferred<Result<PullOutcome>>()
    open.set(requestId, answer.resolve)
    return answer.promise
  })
  return { fake, finish: (requestId, answer) => open.get(requestId)?.(answer) }
}

export async function modelsPage(fake: FakeBridge): Promise<AppHarness> {
  const app = await renderApp(fake)
  await app.user.click(screen.getByRole('button', { name: 'Models' }))
  return app
}

export const pullField = () => screen.getByRole('textbox', { name: 'Pull a model' })
export const download = (model: string) => within(screen.getByRole('listitem', { name: `Download of ${model}` }))
export const progress = (over: Partial<PullProgress> & { requestId: string }): PullProgress => ({
  model: 'llama3.2:3b',
  host: LOCAL_HOST,
  status: 'pulling manifest',
  completed: null,
  total: null,
  digest: null,
  ...over,
})
