import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppError } from '../../src-shared/ipc/result'
import { deferred } from '../test-support/fake-bridge'
import { ConfirmDialog } from './ConfirmDialog'

afterEach(cleanup)

/** A button that opens the dialog, whose action waits for the test to answer. */
function renderConfirm() {
  const answers: Array<(failure: AppError | null) => void> = []
  let closes = 0
  function Harness() {
    const [open, setOpen] = useState(false)
    return (
      <>
        <button type="button" onClick={() => setOpen(true)}>
          Remove it
        </button>
        {open && (
          <ConfirmDialog
            title="Remove it?"
            confirmLabel="Remove"
            busyLabel="Removing…"
            onConfirm={() => {
              const answer = deferred<AppError | null>()
              answers.push(answer.resolve)
              return answer.promise
            }}
            onClose={() => {
              closes++
              setOpen(false)
            }}
          >
            <p>It cannot be undone.</p>
          </ConfirmDialog>
        )}
      </>
    )
  }
  render(<Harness />)
  return { user: userEvent.setup(), answers, closes: () => closes }
}

const dialog = () => screen.queryByRole('dialog', { name: 'Remove it?' })

describe('ConfirmDialog while its action runs', () => {
  it('stays open on Esc, a click beside it and Cancel, then shows the refusal', async () => {
    const { user, answers, closes } = renderConfirm()
    await user.click(screen.getByRole('button', { name: 'Remove it' }))
    await user.click(screen.getByRole('button', { name: 'Remove' }))
    expect(screen.getByRole('button', { name: 'Removing…' })).toHaveProperty('disabled', true)
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveProperty('disabled', true)
    // The focus stays in the dialog, so Esc reaches it (and not the window's own Esc).
    expect(document.activeElement).toBe(dialog())
    await user.keyboard('{Escape}')
    fireEvent.mouseDown(dialog()!.parentElement!)
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(dialog()).not.toBeNull()
    expect(closes()).toBe(0)

    answers[0]!({ code: 'BUSY', message: 'A reply is using it.' })
    expect(await screen.findByText('A reply is using it.')).toBeTruthy()
    expect(dialog()).not.toBeNull()
    // Done: Cancel and Esc close it again.
    await user.keyboard('{Escape}')
    expect(dialog()).toBeNull()
    expect(closes()).toBe(1)
  })

  it('closes itself once the action succeeds', async () => {
    const { user, answers, closes } = renderConfirm()
    await user.click(screen.getByRole('button', { name: 'Remove it' }))
    await user.click(screen.getByRole('button', { name: 'Remove' }))
    answers[0]!(null)
    await expect.poll(() => dialog()).toBeNull()
    expect(closes()).toBe(1)
  })

  it('closes on Esc before anything runs', async () => {
    const { user, closes } = renderConfirm()
    await user.click(screen.getByRole('button', { name: 'Remove it' }))
    await user.keyboard('{Escape}')
    expect(dialog()).toBeNull()
    expect(closes()).toBe(1)
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove it' }))
  })
})
