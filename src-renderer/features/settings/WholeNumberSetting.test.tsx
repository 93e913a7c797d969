import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AppError } from '../../../src-shared/ipc/result'
import { WholeNumberSetting } from './WholeNumberSetting'

afterEach(cleanup)

function setting(save: (value: number) => Promise<AppError | null>) {
  render(
    <WholeNumberSetting
      id="setting-wait"
      label="Wait (minutes)"
      help="How long to wait."
      value={5}
      range={{ min: 1, max: 60 }}
      unit="minutes"
      save={save}
    />,
  )
  return screen.getByRole<HTMLInputElement>('spinbutton', { name: 'Wait (minutes)' })
}

describe('WholeNumberSetting', () => {
  it('names its unit when a number is out of range, and saves nothing', async () => {
    const save = vi.fn(async () => null)
    const field = setting(save)
    await userEvent.clear(field)
    await userEvent.type(field, '61{Enter}')
    expect(screen.getByRole('alert').textContent).toBe('Type a whole number of minutes from 1 to 60.')
    expect(field.getAttribute('aria-describedby')).toBe('setting-wait-help setting-wait-error')
    expect(save).not.toHaveBeenCalled()
  })

  it('saves a changed number once, not an unchanged one, and says why the core refused', async () => {
    const save = vi.fn(async (): Promise<AppError | null> => ({ code: 'INVALID_INPUT', message: 'Not now.' }))
    const field = setting(save)
    await userEvent.click(field)
    await userEvent.tab()
    expect(save).not.toHaveBeenCalled()
    await userEvent.clear(field)
    await userEvent.type(field, '7{Enter}')
    expect(save).toHaveBeenCalledTimes(1)
    expect(save).toHaveBeenCalledWith(7)
    expect(await screen.findByRole('alert')).toBeTruthy()
  })
})
