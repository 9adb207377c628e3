// Replica card (console-spec.md §3.3): donut "<ready> / <desired> Pods", − and +. Clicks move a
// pending target with a 5 s countdown (scaleDraft.ts) so rapid clicks become one PATCH of the
// scale subresource; 0 needs a confirmation; after applying, a toast offers Undo for 10 s,
// which is skipped when the replica count moved meanwhile (mutations.undoScale).
import { useEffect, useReducer, useRef, useState } from 'react';
import { Alert, Button, Card, Progress, Space, Typography } from 'antd';
import { MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCluster } from '../../../api/hooks';
import { scaleStatefulSet, undoScale } from '../../../api/mutations';
import { errorMessage, isApiError } from '../../../api/errors';
import type { Access } from '../../../api/access';
import type { StatefulSet } from '../../../k8s/types';
import { PermissionButton } from '../../../components/PermissionButton';
import { useHpaFor } from '../useHpaFor';
import { dueForApply, NO_DRAFT, reduceDraft, secondsLeft, stopRange, type DraftAction, type ScaleDraft } from '../scaleDraft';
import { closeNotification, confirm, notify } from '../../../app/feedback';

export function ReplicaCard({ sts, access }: { sts: StatefulSet; access: Access }) {
  const { t } = useTranslation();
  const cluster = useCluster();
  const name = sts.metadata.name;
  const ns = sts.metadata.namespace ?? '';
  const desired = sts.spec.replicas ?? 1;
  const ready = sts.status?.readyReplicas ?? 0;
  const current = sts.status?.replicas ?? 0;
  const [now, setNow] = useState(() => Date.now());
  const [draft, dispatch] = useReducer(
    (d: ScaleDraft, a: DraftAction & { current: number; now: number }) => reduceDraft(d, a, a.current, a.now),
    NO_DRAFT,
  );
  const [applying, setApplying] = useState(false);
  const act = (a: DraftAction) => dispatch({ ...a, current: desired, now: Date.now() } as DraftAction & { current: number; now: number });
  const denied = access.deniedText('scale');
  const hpa = useHpaFor(sts);

  // The countdown: ticks the bar and applies when due (from the timer, not from render).
  const dueRef = useRef<() => void>(() => {});
  useEffect(() => {
    if (draft.target === null) return;
    const id = setInterval(() => {
      setNow(Date.now());
      dueRef.current();
    }, 250);
    return () => clearInterval(id);
  }, [draft.target]);

  const apply = async (target: number) => {
    const previous = desired;
    act({ type: 'applied' });
    setApplying(true);
    try {
      const r = await scaleStatefulSet(cluster, ns, name, target);
      const key = `scaled-${ns}-${name}`;
      notify('success', t('scale.done', { name, k: target }), {
        key,
        duration: 10,
        actions: (
          <Button
            size="small"
            data-testid="scale-undo"
            onClick={() => {
              closeNotification(key);
              undoScale(cluster, ns, name, target, previous)
                .then(() => notify('success', t('scale.done', { name, k: previous })))
                .catch((err: unknown) => notify('error', isApiError(err, 'conflict') ? t('scale.undoSkipped') : errorMessage(err)));
            }}
          >
            {t('common.undo')}
          </Button>
        ),
      });
      r.warnings.forEach((w) => notify('warning', w));
    } catch (err) {
      // The card shows the server's count again (the draft is gone); the toast says why.
      notify('error', errorMessage(err));
    } finally {
      setApplying(false);
    }
  };

  const confirmStop = () => {
    const { first, last } = stopRange(name, desired);
    const deletes = sts.spec.persistentVolumeClaimRetentionPolicy?.whenScaled === 'Delete';
    confirm({
      title: t('scale.stopTitle', { name }),
      content: (
        <div data-testid="stop-confirm">
          <p>{t('scale.stopBody', { n: desired, name, first, last })}</p>
          <p>{deletes ? t('scale.stopPvcsDeleted') : t('scale.stopVolumesKept')}</p>
        </div>
      ),
      okText: t('scale.stopOk'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => apply(0),
      onCancel: () => act({ type: 'cancel' }),
    });
  };

  useEffect(() => {
    dueRef.current = () => {
      if (dueForApply(draft, Date.now()) && !applying) void apply(draft.target!);
    };
  });

  const shown = draft.target ?? desired;
  const pct = desired > 0 ? Math.round((ready / desired) * 100) : 0;
  return (
    <Card size="small" title={t('replicas.title')} data-testid="replica-card">
      <Space size={24} align="center" wrap>
        <Progress
          type="circle"
          size={96}
          percent={pct}
          format={() => (
            <span data-testid="replica-donut" style={{ fontSize: 15 }}>
              {ready} / {desired}
              <br />
              <span style={{ fontSize: 12 }}>{t('replicas.pods')}</span>
            </span>
          )}
        />
        <Space direction="vertical" size={4}>
          <Space>
            <PermissionButton icon={<MinusOutlined />} aria-label={t('replicas.decrease')} data-testid="replica-minus" denied={denied} disabled={shown <= 0 || applying} onClick={() => act({ type: 'step', delta: -1 })} />
            <Typography.Text strong style={{ fontSize: 20, minWidth: 32, textAlign: 'center', display: 'inline-block' }} data-testid="replica-target">
              {shown}
            </Typography.Text>
            <PermissionButton icon={<PlusOutlined />} aria-label={t('replicas.increase')} data-testid="replica-plus" denied={denied} disabled={applying} onClick={() => act({ type: 'step', delta: 1 })} />
          </Space>
          {(current !== desired || ready !== desired) && (
            <Typography.Text type="secondary" data-testid="replica-converging">
              {t('replicas.converging', { ready, current, desired })}
            </Typography.Text>
          )}
        </Space>
        {draft.target !== null && (
          <div data-testid="scale-pending" role="status" style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '6px 12px', borderRadius: 6, background: 'rgba(22,119,255,0.08)' }}>
            <span data-testid="scale-pending-text">
              {draft.target === 0 ? t('replicas.pendingStop') : t('replicas.pending', { k: draft.target, s: secondsLeft(draft, now) })}
            </span>
            <Button size="small" type="link" data-testid="scale-apply-now" onClick={() => (draft.target === 0 ? confirmStop() : void apply(draft.target!))}>
              {t('replicas.applyNow')}
            </Button>
            <Button size="small" type="link" data-testid="scale-cancel" onClick={() => act({ type: 'cancel' })}>
              {t('common.cancel')}
            </Button>
          </div>
        )}
      </Space>
      {hpa && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          data-testid="hpa-note"
          title={t('scale.hpaNote', { hpa: hpa.metadata.name, min: hpa.spec?.minReplicas ?? 1, max: hpa.spec?.maxReplicas ?? '?' })}
        />
      )}
    </Card>
  );
}
