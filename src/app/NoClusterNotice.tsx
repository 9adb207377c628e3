// Shown by pages while the console server lists no cluster (or the list failed).
import { Alert, Button, Empty, Spin } from 'antd';
import { ApiOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useClusterChoice } from './ClusterProvider';

export function NoClusterNotice() {
  const { t } = useTranslation();
  const choice = useClusterChoice();
  if (choice.isLoading) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (choice.error) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('cluster.loadError', { message: choice.error.message })}
        action={<Button onClick={choice.refetch}>{t('cluster.retry')}</Button>}
      />
    );
  }
  return (
    <Empty data-testid="no-cluster" image={<ApiOutlined style={{ fontSize: 48, color: '#bfbfbf' }} />} description={<><strong>{t('cluster.noneTitle')}</strong><br />{t('cluster.noneBody')}</>} />
  );
}
