// StatefulSet list (console-spec.md §2). Until a cluster is connected it shows an honest
// empty state instead of an empty table.
import { Alert, Button, Result, Skeleton, Typography } from 'antd';
import { ApiOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useClusters } from '../../api/clusters';

export function StatefulSetListPage() {
  const { t } = useTranslation();
  const clusters = useClusters();
  return (
    <section aria-labelledby="page-title">
      <Typography.Title level={3} id="page-title">
        {t('nav.statefulsets')}
      </Typography.Title>
      {clusters.isLoading && <Skeleton active />}
      {clusters.isError && (
        <Alert
          type="error"
          showIcon
          message={t('cluster.loadError', { message: clusters.error.message })}
          action={<Button onClick={() => void clusters.refetch()}>{t('cluster.retry')}</Button>}
        />
      )}
      {clusters.data?.length === 0 && (
        <Result
          data-testid="no-cluster"
          icon={<ApiOutlined />}
          title={t('cluster.noneTitle')}
          subTitle={t('cluster.noneBody')}
        />
      )}
    </section>
  );
}
