import { Layout, Menu } from 'antd';
import { AppstoreOutlined, CloudServerOutlined, DatabaseOutlined, NotificationOutlined } from '@ant-design/icons';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { lastNamespace } from './namespace';

// Left navigation (console-spec.md §0.4). Pages other than StatefulSets arrive with later
// issues; their links already resolve (to the 404 page until then) so deep links stay stable.
export function SideNav() {
  const { t } = useTranslation();
  const { ns = lastNamespace() } = useParams();
  const { pathname } = useLocation();
  const section = pathname.split('/')[3] ?? 'statefulsets';
  const link = (page: string, label: string) => <Link to={`/ns/${ns}/${page}`}>{label}</Link>;
  return (
    <Layout.Sider width={220} theme="light" breakpoint="lg" collapsedWidth={0}>
      <nav aria-label="Main">
        <Menu
          mode="inline"
          selectedKeys={[section]}
          defaultOpenKeys={['workloads']}
          style={{ height: '100%', borderInlineEnd: 0 }}
          items={[
            {
              key: 'workloads',
              icon: <AppstoreOutlined />,
              label: t('nav.workloads'),
              children: [
                { key: 'statefulsets', label: link('statefulsets', t('nav.statefulsets')) },
                { key: 'pods', label: link('pods', t('nav.pods')) },
              ],
            },
            { key: 'services', icon: <CloudServerOutlined />, label: link('services', t('nav.services')) },
            { key: 'persistentvolumeclaims', icon: <DatabaseOutlined />, label: link('persistentvolumeclaims', t('nav.pvcs')) },
            { key: 'events', icon: <NotificationOutlined />, label: link('events', t('nav.events')) },
          ]}
        />
      </nav>
    </Layout.Sider>
  );
}
