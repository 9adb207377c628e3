// Toasts and confirmations (console-spec.md §0.4: success green 4 s, failure red until closed,
// API warnings yellow). antd's notification and Modal are loaded on first use, not with the
// shell, so the first route stays inside its JS budget; AppProviders gives these static
// holders the app's theme and locale through ConfigProvider.config({ holderRender }).
import type { ReactNode } from 'react';
import type { ModalFuncProps } from 'antd';

type Kind = 'success' | 'error' | 'warning' | 'info';

export interface NotifyOptions {
  key?: string;
  /** Seconds; default 4 for success/info/warning, 0 (stays until closed) for errors. */
  duration?: number;
  actions?: ReactNode;
}

const loadNotification = () => import('antd/es/notification').then((m) => m.default);
const loadModal = () => import('antd/es/modal').then((m) => m.default);

export function notify(kind: Kind, title: ReactNode, opts: NotifyOptions = {}): void {
  void loadNotification().then((n) =>
    n[kind]({ title, placement: 'topRight', ...opts, duration: opts.duration ?? (kind === 'error' ? 0 : 4) }),
  );
}

export function closeNotification(key: string): void {
  void loadNotification().then((n) => n.destroy(key));
}

/** A confirmation dialog; `onOk` may return a promise (the OK button shows progress). */
export function confirm(props: ModalFuncProps): void {
  void loadModal().then((Modal) => Modal.confirm(props));
}
