import type { ComponentProps } from 'react'
import type { ExtraProps } from 'react-markdown'

/**
 * Links from model output open outside the app (`target="_blank"`, no referrer, no opener; Electron main
 * denies the new window and hands the URL to the system browser). A link whose URL the policy removed is
 * shown as its text only.
 */
export function SafeLink({ href, children, title }: ComponentProps<'a'> & ExtraProps) {
  if (!href) return <span className="md-dead-link">{children}</span>
  return (
    <a href={href} title={title ?? href} target="_blank" rel="noreferrer noopener">
      {children}
    </a>
  )
}
