// Green "Live" dot for a healthy watch, "Reconnecting…" while it recovers (console-spec.md §0.4).
import { theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WatchStatus } from '../api/listWatch';

export function LiveIndicator({ status }: { status: WatchStatus }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  if (status === 'connecting') return null;
  const live = status === 'live';
  const color = live ? token.colorSuccess : status === 'error' ? token.colorError : token.colorWarning;
  return (
    <span data-testid="live-indicator" data-status={status} role="status" style={{ display: 'inline-flex', alignItems: 'center', gap: 6, fontSize: 13, color: token.colorTextSecondary }}>
      <span aria-hidden style={{ width: 8, height: 8, borderRadius: 4, background: color }} />
      {live ? t('live.live') : status === 'error' ? t('live.stopped') : t('live.reconnecting')}
    </span>
  );
}
