import { type ReactNode, useEffect, useState } from 'react';
import { notifyManager, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { AuthGate } from './AuthGate';
import { ClusterProvider } from './ClusterProvider';
import './i18n';

// Cache updates from watch batches reach React in the same task instead of a later
// setTimeout(0) hop: the batcher already coalesces events (budget: watch event → DOM ≤ 100 ms).
notifyManager.setScheduler(queueMicrotask);

const THEME = { token: { colorPrimary: '#1677ff' } };

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }),
  );
  const { i18n } = useTranslation();
  const locale = i18n.language === 'zh' ? zhCN : enUS;
  // Toasts and confirmations (feedback.tsx) render in their own roots: give them the same look.
  useEffect(() => {
    ConfigProvider.config({
      holderRender: (node) => (
        <ConfigProvider locale={locale} theme={THEME}>
          {node}
        </ConfigProvider>
      ),
    });
  }, [locale]);
  return (
    <ConfigProvider locale={locale} theme={THEME}>
      <QueryClientProvider client={queryClient}>
        <AuthGate>
          <ClusterProvider>{children}</ClusterProvider>
        </AuthGate>
      </QueryClientProvider>
    </ConfigProvider>
  );
}
