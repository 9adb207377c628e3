// Scale dialog (console-spec.md §5.1): desired count with − / +, a preview of which Pods are
// created or removed and in what order, and the equivalent kubectl command.
import { useState } from 'react';
import { Alert, Form, InputNumber, Modal, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCluster } from '../../../api/hooks';
import { scaleStatefulSet } from '../../../api/mutations';
import { errorMessage } from '../../../api/errors';
import type { StatefulSet } from '../../../k8s/types';
import { KubectlBox } from './KubectlBox';
import { scalePreview } from './scalePreview';
import { useHpaFor } from '../useHpaFor';
import { notify } from '../../../app/feedback';

export function ScaleDialog({ sts, onClose }: { sts: StatefulSet; onClose(): void }) {
  const { t } = useTranslation();
  const cluster = useCluster();
  const name = sts.metadata.name;
  const ns = sts.metadata.namespace ?? '';
  const desired = sts.spec.replicas ?? 1;
  const ready = sts.status?.readyReplicas ?? 0;
  const [value, setValue] = useState<number | null>(desired);
  const [busy, setBusy] = useState(false);
  const hpa = useHpaFor(sts);
  const valid = value !== null && Number.isInteger(value) && value >= 0;
  const preview = valid ? scalePreview(sts, value) : undefined;

  const ok = async () => {
    if (!valid) return;
    setBusy(true);
    try {
      const r = await scaleStatefulSet(cluster, ns, name, value);
      notify('success', t('scale.done', { name, k: value }));
      r.warnings.forEach((w) => notify('warning', w));
      onClose();
    } catch (err) {
      notify('error', errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('scale.title', { name })}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onOk={() => void ok()}
      onCancel={onClose}
      okButtonProps={{ disabled: !valid || value === desired, loading: busy, 'data-testid': 'scale-ok' } as ButtonProps}
      data-testid="scale-dialog"
      destroyOnHidden
    >
      <Typography.Paragraph data-testid="scale-current">{t('scale.current', { ready, desired })}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item
          label={t('scale.desired')}
          validateStatus={valid ? undefined : 'error'}
          help={valid ? undefined : t('scale.invalid')}
        >
          <InputNumber
            data-field="spec.replicas"
            aria-label={t('scale.desired')}
            min={0}
            precision={0}
            value={value}
            onChange={(v) => setValue(typeof v === 'number' ? v : null)}
            mode="spinner"
            style={{ width: 180 }}
            onPressEnter={() => void ok()}
          />
        </Form.Item>
      </Form>
      {preview && value !== desired && (
        <div data-testid="scale-preview" style={{ marginBottom: 12 }}>
          {preview.lines.map((l) => (
            <div key={l}>{l}</div>
          ))}
        </div>
      )}
      {valid && value === 0 && desired !== 0 && (
        <Alert type="warning" showIcon title={t('scale.stopWarning')} style={{ marginBottom: 12 }} />
      )}
      {hpa && (
        <Alert
          type="info"
          showIcon
          data-testid="hpa-note"
          style={{ marginBottom: 12 }}
          title={t('scale.hpaNote', { hpa: hpa.metadata.name, min: hpa.spec?.minReplicas ?? 1, max: hpa.spec?.maxReplicas ?? '?' })}
        />
      )}
      <KubectlBox commands={[`kubectl scale statefulset/${name} --replicas=${valid ? value : desired} -n ${ns}`]} />
    </Modal>
  );
}
