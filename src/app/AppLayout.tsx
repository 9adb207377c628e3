import { Suspense } from 'react';
import { Layout, Spin } from 'antd';
import { Outlet } from 'react-router-dom';
import { AppHeader } from './AppHeader';
import { SideNav } from './SideNav';
import { PageErrorBoundary } from './PageErrorBoundary';
import styles from './AppLayout.module.css';

export function AppLayout() {
  return (
    <Layout className={styles.shell}>
      <AppHeader />
      <Layout>
        <SideNav />
        <Layout.Content className={styles.content}>
          <PageErrorBoundary>
            <Suspense fallback={<Spin style={{ display: 'block', margin: '48px auto' }} />}>
              <Outlet />
            </Suspense>
          </PageErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
