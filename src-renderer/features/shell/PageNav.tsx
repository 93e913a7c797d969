import { Boxes, MessageSquare, Settings } from 'lucide-react'
import type { ReactNode } from 'react'
import { useApp } from '../../store/store-context'
import type { Page } from '../../store/ui-slice'

const PAGES: Array<{ page: Page; label: string; icon: ReactNode }> = [
  { page: 'chat', label: 'Chats', icon: <MessageSquare size={16} aria-hidden /> },
  { page: 'models', label: 'Models', icon: <Boxes size={16} aria-hidden /> },
  { page: 'settings', label: 'Settings', icon: <Settings size={16} aria-hidden /> },
]

/** The page switch at the foot of the sidebar. */
export function PageNav() {
  const current = useApp((state) => state.page)
  const setPage = useApp((state) => state.setPage)
  return (
    <nav className="page-nav" aria-label="Pages">
      {PAGES.map(({ page, label, icon }) => (
        <button
          key={page}
          type="button"
          className="page-nav__item"
          aria-label={label}
          title={label}
          aria-current={current === page ? 'page' : undefined}
          onClick={() => setPage(page)}
        >
          {icon}
          <span>{label}</span>
        </button>
      ))}
    </nav>
  )
}
