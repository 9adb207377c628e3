import { Button, Layout, Select, Space, Tooltip } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useClusters } from '../api/clusters';
import { NamespaceSelect } from './NamespaceSelect';
import { setLanguage } from './i18n';
import styles from './AppLayout.module.css';

export function AppHeader() {
  const { t, i18n } = useTranslation();
  const clusters = useClusters();
  const items = clusters.data ?? [];
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
          loading={clusters.isLoading}
          disabled={items.length === 0}
          placeholder={t('header.noCluster')}
          value={items[0]?.name}
          options={items.map((c) => ({ value: c.name, label: c.name }))}
        />
      </Space>
      <Space size={8}>
        <span className={styles.headerLabel}>{t('header.namespace')}</span>
        <NamespaceSelect disabled={items.length === 0} />
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
    </Layout.Header>
  );
}
