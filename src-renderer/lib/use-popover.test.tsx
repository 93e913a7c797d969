import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, expect, it } from 'vitest'
import { usePopover } from './use-popover'

afterEach(cleanup)

function Panelled() {
  const { open, show, close, closeOnEscape, opener, panel } = usePopover()
  return (
    <>
      <button ref={opener} type="button" onClick={show}>
        Open
      </button>
      <button type="button">Elsewhere</button>
      {open && (
        <div ref={panel} onKeyDown={closeOnEscape}>
          <input aria-label="Inside" />
          <button type="button" onClick={close}>
            Done
          </button>
        </div>
      )}
    </>
  )
}

it('gives the focus back to the opener when the panel closes from inside (a button, Esc)', () => {
  render(<Panelled />)
  fireEvent.click(screen.getByRole('button', { name: 'Open' }))
  act(() => screen.getByRole('textbox', { name: 'Inside' }).focus())
  fireEvent.keyDown(screen.getByRole('textbox', { name: 'Inside' }), { key: 'Escape' })
  expect(screen.queryByRole('textbox', { name: 'Inside' })).toBeNull()
  expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Open' }))

  fireEvent.click(screen.getByRole('button', { name: 'Open' }))
  act(() => screen.getByRole('button', { name: 'Done' }).focus())
  fireEvent.click(screen.getByRole('button', { name: 'Done' }))
  expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Open' }))
})

it('leaves the focus where the reader put it when it is outside the panel', () => {
  render(<Panelled />)
  fireEvent.click(screen.getByRole('button', { name: 'Open' }))
  const done = screen.getByRole('button', { name: 'Done' })
  act(() => screen.getByRole('button', { name: 'Elsewhere' }).focus())
  fireEvent.click(done)
  expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Elsewhere' }))
})
