// "Equivalent kubectl" (console-spec.md §0.4): collapsible, with a copy button.
import { Collapse, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function KubectlBox({ commands }: { commands: string[] }) {
  const { t } = useTranslation();
  const text = commands.join('\n');
  return (
    <Collapse
      size="small"
      data-testid="kubectl-box"
      items={[
        {
          key: 'k',
          label: t('common.kubectl'),
          children: (
            <Typography.Paragraph copyable={{ text }} style={{ marginBottom: 0 }}>
              <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }} data-testid="kubectl-command">
                {text}
              </pre>
            </Typography.Paragraph>
          ),
        },
      ]}
    />
  );
}
