// Catches render errors of one page so the shell (navigation, header) keeps working.
import { Component, type ReactNode } from 'react';
import { ErrorPanel } from './ErrorPanel';

interface State {
  error?: Error;
}

export class PageErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = {};
  static getDerivedStateFromError(error: Error): State {
    return { error };
  }
  override render() {
    return this.state.error ? <ErrorPanel message={this.state.error.message} /> : this.props.children;
  }
}
