// Per-row actions (console-spec.md §2.6): "Scale" and the "⋮" menu. Entries the user lacks
// permission for stay visible but disabled with the RBAC hover text.
import { Button, Dropdown, Tooltip } from 'antd';
import { MoreOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Access } from '../../api/access';
import type { StatefulSet } from '../../k8s/types';
import { PermissionButton } from '../../components/PermissionButton';
import { useStatefulSetActions } from './dialogs/StatefulSetActions';

export function RowActions({ sts, access }: { sts: StatefulSet; access: Access }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const actions = useStatefulSetActions();
  const base = `/ns/${sts.metadata.namespace}/statefulsets/${sts.metadata.name}`;
  const patchDenied = access.deniedText('patchStatefulSet');
  const deleteDenied = access.deniedText('deleteStatefulSet');
  const later = t('actions.later');
  const label = (text: string, hover?: string) => (hover ? <Tooltip title={hover}>{text}</Tooltip> : text);
  return (
    <span style={{ display: 'inline-flex', gap: 4 }}>
      <PermissionButton size="small" denied={access.deniedText('scale')} onClick={() => actions.scale(sts)} data-testid="row-scale">
        {t('actions.scale')}
      </PermissionButton>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'details', label: t('actions.details') },
            { key: 'monitoring', label: t('actions.monitoring') },
            { type: 'divider' },
            { key: 'edit-info', label: label(t('actions.editInformation'), patchDenied ?? later), disabled: true },
            { key: 'edit-settings', label: label(t('actions.editSettings'), patchDenied ?? later), disabled: true },
            { key: 'edit-yaml', label: label(t('actions.editYaml'), patchDenied ?? later), disabled: true },
            { key: 'redeploy', label: label(t('actions.redeploy'), patchDenied), disabled: !!patchDenied },
            { type: 'divider' },
            { key: 'delete', label: label(t('actions.delete'), deleteDenied), danger: true, disabled: !!deleteDenied },
          ],
          onClick: ({ key }) => {
            if (key === 'details') void navigate(`${base}/resource-status`);
            if (key === 'monitoring') void navigate(`${base}/monitoring`);
            if (key === 'redeploy') actions.redeploy(sts);
            if (key === 'delete') actions.remove([sts]);
          },
        }}
      >
        <Button size="small" icon={<MoreOutlined />} aria-label={t('actions.more', { name: sts.metadata.name })} data-testid="row-more" />
      </Dropdown>
    </span>
  );
}
