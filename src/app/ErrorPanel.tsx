// A readable error in place of a page (error boundary, session check). Plain markup: antd's
// Result carries large illustrations that would weigh on every first load.
import { Button } from 'antd';
import { CloseCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export function ErrorPanel({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <div role="alert" data-testid="error-panel" style={{ textAlign: 'center', padding: '48px 16px' }}>
      <CloseCircleFilled style={{ fontSize: 56, color: '#ff4d4f' }} />
      <h2 style={{ margin: '16px 0 8px', fontWeight: 500 }}>{t('page.errorTitle')}</h2>
      <p style={{ color: 'rgba(0,0,0,0.55)', whiteSpace: 'pre-wrap' }}>{message}</p>
      <Button onClick={() => window.location.reload()}>{t('page.reload')}</Button>
    </div>
  );
}
