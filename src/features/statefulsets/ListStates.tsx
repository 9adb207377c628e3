// Empty, loading and error states of the list (console-spec.md §2.7). Plain markup around
// antd's Empty (already in the shell) keeps the first route light.
import { Button, Empty, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/errors';

const title = { fontSize: 16, fontWeight: 600, margin: '0 0 8px', color: 'rgba(0,0,0,0.88)' } as const;

export function ListLoading() {
  return (
    <div data-testid="list-loading" aria-busy="true">
      {Array.from({ length: 5 }, (_, i) => (
        <div key={i} style={{ height: 40, marginBottom: 8, borderRadius: 6, background: 'linear-gradient(90deg, rgba(0,0,0,0.06) 25%, rgba(0,0,0,0.1) 37%, rgba(0,0,0,0.06) 63%)' }} />
      ))}
    </div>
  );
}

export function ListError({ error, ns, onRetry }: { error: Error; ns: string; onRetry(): void }) {
  const { t } = useTranslation();
  const forbidden = isApiError(error, 'forbidden');
  const unreachable = isApiError(error, 'network') || (isApiError(error) && error.code >= 502 && error.code <= 504);
  const text = forbidden ? t('list.forbidden', { namespace: ns }) : unreachable ? t('list.unreachable') : t('list.loadFailed');
  return (
    <Empty
      data-testid="list-error"
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <>
          <p style={title}>{text}</p>
          {!forbidden && <p style={{ color: 'rgba(0,0,0,0.45)' }}>{error.message}</p>}
        </>
      }
    >
      {!forbidden && <Button onClick={onRetry}>{t('common.retry')}</Button>}
    </Empty>
  );
}

export function ListEmpty({ ns }: { ns: string }) {
  const { t } = useTranslation();
  return (
    <Empty
      data-testid="list-empty"
      description={
        <div style={{ maxWidth: 460, margin: '0 auto' }}>
          <p style={title}>{t('list.emptyTitle', { namespace: ns })}</p>
          <ul style={{ textAlign: 'start', color: 'rgba(0,0,0,0.65)' }}>
            <li>{t('list.emptyPoint1')}</li>
            <li>{t('list.emptyPoint2')}</li>
            <li>{t('list.emptyPoint3')}</li>
          </ul>
        </div>
      }
    >
      <Tooltip title={t('actions.later')}>
        <span style={{ display: 'inline-flex', gap: 8 }}>
          <Button type="primary" disabled>
            {t('list.create')}
          </Button>
          <Button disabled>{t('list.createYaml')}</Button>
        </span>
      </Tooltip>
    </Empty>
  );
}

export function ListNoMatch({ onClear }: { onClear(): void }) {
  const { t } = useTranslation();
  return (
    <Empty data-testid="list-no-match" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('list.noMatch')}>
      <Button onClick={onClear}>{t('list.clearFilters')}</Button>
    </Empty>
  );
}
