import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';

/**
 * A render failure stays in its panel: an event shaped in a way the page did not foresee must
 * not blank the whole app.
 */
export class ErrorBoundary extends Component<
  { what: string; children: ReactNode },
  { error: Error | undefined }
> {
  override state: { error: Error | undefined } = { error: undefined };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Could not show ${this.props.what}`, error, info.componentStack);
  }

  override render() {
    if (this.state.error !== undefined) {
      return (
        <div className="notice notice-error" role="alert">
          Could not show {this.props.what}: {this.state.error.message}
        </div>
      );
    }
    return this.props.children;
  }
}
