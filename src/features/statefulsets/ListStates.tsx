// Empty, loading and error states of the list (console-spec.md §2.7).
import { Button, Empty, Skeleton, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/errors';

export function ListLoading() {
  return (
    <div data-testid="list-loading" aria-busy="true">
      {Array.from({ length: 5 }, (_, i) => (
        <Skeleton.Input key={i} active block style={{ height: 40, marginBottom: 8 }} />
      ))}
    </div>
  );
}

export function ListError({ error, ns, onRetry }: { error: Error; ns: string; onRetry(): void }) {
  const { t } = useTranslation();
  const forbidden = isApiError(error, 'forbidden');
  const unreachable = isApiError(error, 'network') || (isApiError(error) && error.code >= 502 && error.code <= 504);
  const title = forbidden ? t('list.forbidden', { ns }) : unreachable ? t('list.unreachable') : t('list.loadFailed');
  return (
    <Empty
      data-testid="list-error"
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <>
          <Typography.Title level={5}>{title}</Typography.Title>
          {!forbidden && <Typography.Paragraph type="secondary">{error.message}</Typography.Paragraph>}
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
          <Typography.Title level={5}>{t('list.emptyTitle', { ns })}</Typography.Title>
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
