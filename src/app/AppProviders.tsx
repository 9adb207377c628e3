import { type ReactNode, useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { AuthGate } from './AuthGate';
import { ClusterProvider } from './ClusterProvider';
import './i18n';

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }),
  );
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#1677ff' } }}>
      <AntApp notification={{ placement: 'topRight' }}>
        <QueryClientProvider client={queryClient}>
          <AuthGate>
            <ClusterProvider>{children}</ClusterProvider>
          </AuthGate>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
