import { Component, type ErrorInfo, type ReactNode } from 'react'
import { reportError, withComponentStack } from '../lib/report-error'

interface Props {
  /** What the boundary protects, for the fallback text, e.g. "Models page". */
  area: string
  children: ReactNode
}

/** The last-resort net around a page: a crash shows a calm message instead of a blank window. */
export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false }

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    reportError(`the ${this.props.area} crashed`, withComponentStack(error, info))
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children
    return (
      <div className="crash" role="alert">
        <h2>The {this.props.area} ran into a problem.</h2>
        <p>Your conversations are safe. Try again, or restart ollmchat if it keeps happening.</p>
        <button type="button" className="button" onClick={() => this.setState({ failed: false })}>
          Try again
        </button>
      </div>
    )
  }
}
