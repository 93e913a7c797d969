import { cleanup, screen } from '@testing-library/react'
import { afterEach, expect, it } from 'vitest'
import { ok } from '../../../src-shared/ipc/result'
import { DEFAULT_SETTINGS } from '../../../src-shared/types'
import { createFakeBridge } from '../../test-support/fake-bridge'
import { makeStatus } from '../../test-support/fixtures'
import { renderApp } from '../../test-support/render-app'

afterEach(cleanup)

it('names the host in use and its Ollama version', async () => {
  const fake = createFakeBridge()
  const host = 'http://192.168.1.20:11434'
  fake.handle('ollama:getStatus', () => ok(makeStatus('reachable', host)))
  fake.handle('settings:get', () =>
    ok({
      ...DEFAULT_SETTINGS,
      ollamaHost: host,
      activeHostId: 'h1',
      hosts: [{ id: 'h1', url: host, name: 'Work GPU', headerNames: [] }],
    }),
  )
  await renderApp(fake)
  expect(screen.getByText('Ollama 0.32.15')).toBeTruthy()
  expect(screen.getByText('Work GPU').getAttribute('class')).toBe('connection-line__host')
})

it('warns, with the reason, when that Ollama is too old', async () => {
  const fake = createFakeBridge()
  const reason = 'Ollama 0.4.0 is too old: ollmchat needs 0.5.5 or newer to run a model with the context you set.'
  fake.handle('ollama:getStatus', () => ok({ ...makeStatus('reachable'), version: '0.4.0', tooOld: reason }))
  const app = await renderApp(fake)
  expect(screen.getByText('127.0.0.1:11434')).toBeTruthy()
  expect(screen.getByText(reason, { exact: false }).textContent).toBe(`Warning: ${reason}`)
  app.emit('ollama:status', makeStatus('reachable'))
  expect(screen.queryByText(reason, { exact: false })).toBeNull()
})
