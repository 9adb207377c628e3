import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';

export function ErrorPanel({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={t('page.errorTitle')}
      subTitle={message}
      extra={<Button onClick={() => window.location.reload()}>{t('page.reload')}</Button>}
    />
  );
}
