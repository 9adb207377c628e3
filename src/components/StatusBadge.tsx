// The §2.3 state as a coloured dot + translated state + Kubernetes reason text.
import { theme, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StatefulSetState, StatefulSetStatusView } from '../k8s/statefulSetStatus';

function stateColor(state: StatefulSetState, token: ReturnType<typeof theme.useToken>['token']): string {
  switch (state) {
    case 'Error':
      return token.colorError;
    case 'Running':
      return token.colorSuccess;
    case 'Scaling':
    case 'Updating':
      return token.colorInfo;
    default:
      return token.colorTextQuaternary;
  }
}

export function StatusBadge({ status, compact }: { status: StatefulSetStatusView; compact?: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const label = t(`state.${status.state}`);
  const text = [label, status.reason, ...status.badges].filter(Boolean).join(' · ');
  return (
    <Tooltip title={compact ? text : undefined}>
      <span data-testid="status" data-state={status.state} style={{ display: 'inline-flex', alignItems: 'center', gap: 6, minWidth: 0, maxWidth: '100%' }}>
        <span aria-hidden style={{ width: 8, height: 8, borderRadius: 4, flex: 'none', background: stateColor(status.state, token) }} />
        <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{text}</span>
      </span>
    </Tooltip>
  );
}
