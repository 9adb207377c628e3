// Delete (console-spec.md §5.6): single → type the name, batch → type `delete`. Related
// objects (governing Service, PVCs from the volume templates) are listed unchecked so the user
// sees what stays; deletion uses background propagation.
import { useMemo, useState } from 'react';
import { Alert, Checkbox, Input, Modal, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCluster, useList } from '../../../api/hooks';
import { deleteStatefulSet } from '../../../api/mutations';
import { request } from '../../../api/http';
import { errorMessage } from '../../../api/errors';
import { proxyPath, PVCKind, ServiceKind } from '../../../k8s/kinds';
import type { K8sObject, StatefulSet } from '../../../k8s/types';
import { KubectlBox } from './KubectlBox';
import { relatedObjects, type Related } from './relatedObjects';
import { notify } from '../../../app/feedback';

interface Props {
  items: StatefulSet[];
  onClose(): void;
  onDeleted(): void;
}

export function DeleteDialog({ items, onClose, onDeleted }: Props) {
  const { t } = useTranslation();
  const cluster = useCluster();
  const single = items.length === 1;
  const namespaces = [...new Set(items.map((s) => s.metadata.namespace ?? ''))];
  const oneNs = namespaces.length === 1 ? namespaces[0] : undefined;
  const pvcs = useList<K8sObject & { spec?: { resources?: { requests?: { storage?: string } } } }>(PVCKind, oneNs, { enabled: !!oneNs });
  const services = useList(ServiceKind, oneNs, { enabled: !!oneNs });
  const related = useMemo(() => relatedObjects(items, services.items, pvcs.items), [items, services.items, pvcs.items]);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const expected = single ? items[0].metadata.name : 'delete';
  const keyOf = (r: Related) => `${r.kind}/${r.namespace}/${r.name}`;
  const staying = related.filter((r) => !r.retentionDeletes && !checked.has(keyOf(r)));

  const run = async () => {
    setBusy(true);
    const failures: string[] = [];
    for (const s of items) {
      try {
        await deleteStatefulSet(cluster, s.metadata.namespace ?? '', s.metadata.name);
      } catch (err) {
        failures.push(errorMessage(err));
      }
    }
    for (const r of related.filter((x) => checked.has(keyOf(x)))) {
      try {
        await request(proxyPath(cluster, r.kind === 'Service' ? ServiceKind : PVCKind, r.namespace, r.name), { method: 'DELETE' });
      } catch (err) {
        failures.push(errorMessage(err));
      }
    }
    setBusy(false);
    if (failures.length) {
      failures.forEach((f) => notify('error', f));
      return;
    }
    notify('success', single ? t('delete.doneOne', { name: items[0].metadata.name }) : t('delete.doneMany', { k: items.length }));
    onDeleted();
  };

  const kubectl = [
    ...items.map((s) => `kubectl delete statefulset ${s.metadata.name} -n ${s.metadata.namespace}`),
    ...related.filter((r) => checked.has(keyOf(r))).map((r) => `kubectl delete ${r.kind === 'Service' ? 'service' : 'pvc'} ${r.name} -n ${r.namespace}`),
  ];

  return (
    <Modal
      open
      title={single ? t('delete.titleOne', { name: items[0].metadata.name }) : t('delete.titleMany', { k: items.length })}
      okText={t('actions.delete')}
      okButtonProps={{ danger: true, disabled: typed !== expected, loading: busy, 'data-testid': 'delete-ok' } as ButtonProps}
      cancelText={t('common.cancel')}
      onOk={() => void run()}
      onCancel={onClose}
      data-testid="delete-dialog"
      destroyOnHidden
    >
      {!single && (
        <ul data-testid="delete-names" style={{ maxHeight: 160, overflow: 'auto', paddingInlineStart: 20 }}>
          {items.map((s) => (
            <li key={`${s.metadata.namespace}/${s.metadata.name}`}>
              {s.metadata.name} <Typography.Text type="secondary">({s.metadata.namespace})</Typography.Text>
            </li>
          ))}
        </ul>
      )}
      {related.length > 0 && (
        <div style={{ marginBottom: 12 }} data-testid="delete-related">
          <Typography.Text strong>{t('delete.related')}</Typography.Text>
          {related.map((r) => (
            <div key={keyOf(r)}>
              {r.retentionDeletes ? (
                <span>
                  {r.kind} {r.name} — {t('delete.byRetention')}
                </span>
              ) : (
                <Checkbox
                  checked={checked.has(keyOf(r))}
                  onChange={(e) => {
                    const next = new Set(checked);
                    if (e.target.checked) next.add(keyOf(r));
                    else next.delete(keyOf(r));
                    setChecked(next);
                  }}
                >
                  {r.kind} {r.name}
                  {r.detail ? ` (${r.detail})` : ''}
                </Checkbox>
              )}
            </div>
          ))}
          {staying.length > 0 && (
            <Alert
              style={{ marginTop: 8 }}
              type="info"
              title={t('delete.staying')}
              description={staying.map((r) => `${r.kind} ${r.name}`).join(', ')}
              data-testid="delete-staying"
            />
          )}
        </div>
      )}
      <Typography.Paragraph>{single ? t('delete.typeName', { name: expected }) : t('delete.typeDelete')}</Typography.Paragraph>
      <Input data-testid="delete-confirm-input" aria-label={t('delete.confirmLabel')} value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus />
      <div style={{ marginTop: 12 }}>
        <KubectlBox commands={kubectl} />
      </div>
    </Modal>
  );
}
