import { Monitor, Moon, Sun } from 'lucide-react'
import type { ReactNode } from 'react'
import type { ThemePreference } from '../../../src-shared/types'
import { useApp } from '../../store/store-context'

const OPTIONS: Array<{ value: ThemePreference; label: string; icon: ReactNode }> = [
  { value: 'system', label: 'System', icon: <Monitor size={15} aria-hidden /> },
  { value: 'light', label: 'Light', icon: <Sun size={15} aria-hidden /> },
  { value: 'dark', label: 'Dark', icon: <Moon size={15} aria-hidden /> },
]

/** Light, dark, or whatever the operating system uses. */
export function ThemeSetting() {
  const theme = useApp((state) => state.settings.theme)
  const update = useApp((state) => state.updateSettings)
  return (
    <fieldset className="setting">
      <legend className="setting__label">Theme</legend>
      <p className="setting__help">System follows your computer’s light or dark mode.</p>
      <div className="segmented">
        {OPTIONS.map((option) => (
          <label key={option.value} className="segmented__option">
            <input
              type="radio"
              name="theme"
              value={option.value}
              checked={theme === option.value}
              onChange={() => void update({ theme: option.value })}
            />
            {option.icon}
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}
