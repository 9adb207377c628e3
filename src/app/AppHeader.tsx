import { Button, Layout, Select, Space, Tooltip } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { NamespaceSelect } from './NamespaceSelect';
import { setLanguage } from './i18n';
import { clusterLabel, useClusterChoice } from './ClusterProvider';
import { UserMenu } from './UserMenu';
import { useNamespaceNames } from './useNamespaceNames';
import styles from './AppLayout.module.css';

export function AppHeader() {
  const { t, i18n } = useTranslation();
  const choice = useClusterChoice();
  const items = choice.clusters;
  const namespaces = useNamespaceNames();
  return (
    <Layout.Header className={styles.header}>
      <Link to="/" className={styles.brand}>
        <img src="/favicon.svg" alt="" />
        {t('app.name')}
      </Link>
      <Space size={8}>
        <span className={styles.headerLabel}>{t('header.cluster')}</span>
        <Select
          data-testid="cluster-select"
          aria-label={t('header.cluster')}
          style={{ width: 200 }}
          loading={choice.isLoading}
          disabled={items.length === 0}
          placeholder={t('header.noCluster')}
          value={choice.current?.name}
          onChange={(name: string) => choice.select(name)}
          options={items.map((c) => ({ value: c.name, label: clusterLabel(c, t('header.simulatedCluster')) }))}
        />
      </Space>
      <Space size={8}>
        <span className={styles.headerLabel}>{t('header.namespace')}</span>
        <NamespaceSelect disabled={items.length === 0} namespaces={namespaces} />
      </Space>
      <div className={styles.spacer} />
      <Tooltip title={t('header.language')}>
        <Button
          data-testid="language-switch"
          icon={<GlobalOutlined />}
          onClick={() => setLanguage(i18n.language === 'zh' ? 'en' : 'zh')}
        >
          {t('header.switchLanguage')}
        </Button>
      </Tooltip>
      <UserMenu />
    </Layout.Header>
  );
}
