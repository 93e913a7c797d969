import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterEach, expect, it, vi } from 'vitest'
import { ErrorBoundary } from './ErrorBoundary'

afterEach(cleanup)

let broken = true

function Fragile() {
  const [label] = useState('Models list')
  if (broken) throw new Error('boom')
  return <p>{label}</p>
}

it('shows a calm fallback when a page crashes, and Try again renders it anew', async () => {
  const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
  render(
    <ErrorBoundary area="Models page">
      <Fragile />
    </ErrorBoundary>,
  )
  expect(screen.getByRole('alert').textContent).toContain('The Models page ran into a problem.')
  expect(logged).toHaveBeenCalled()
  broken = false
  await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }))
  expect(screen.getByText('Models list')).toBeTruthy()
  logged.mockRestore()
})
