// A compact pager (previous / "page x of y" / next). antd's Pagination weighs ~6 kB gzip on the
// first route for what the list needs from it (bench budget).
import { Button } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export function Pager({ page, pages, onChange }: { page: number; pages: number; onChange(page: number): void }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('pager.label')} style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }} data-testid="pager">
      <Button size="small" icon={<LeftOutlined />} aria-label={t('pager.previous')} disabled={page <= 1} onClick={() => onChange(page - 1)} data-testid="pager-prev" />
      <span data-testid="pager-text">{t('pager.text', { page, pages })}</span>
      <Button size="small" icon={<RightOutlined />} aria-label={t('pager.next')} disabled={page >= pages} onClick={() => onChange(page + 1)} data-testid="pager-next" />
    </nav>
  );
}
