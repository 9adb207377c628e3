// Scale, Redeploy and Delete for the list and the detail page. The dialogs are separate
// chunks loaded on first use, so the list page's first load stays small (bench budget).
import { createContext, lazy, Suspense, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCluster } from '../../../api/hooks';
import { redeployStatefulSet } from '../../../api/mutations';
import { errorMessage } from '../../../api/errors';
import type { StatefulSet } from '../../../k8s/types';
import { confirm, notify } from '../../../app/feedback';

const ScaleDialog = lazy(() => import('./ScaleDialog').then((m) => ({ default: m.ScaleDialog })));
const DeleteDialog = lazy(() => import('./DeleteDialog').then((m) => ({ default: m.DeleteDialog })));

interface ActionsApi {
  scale(sts: StatefulSet): void;
  remove(items: StatefulSet[], onDeleted?: () => void): void;
  redeploy(sts: StatefulSet): void;
}

const Ctx = createContext<ActionsApi | undefined>(undefined);

export function useStatefulSetActions(): ActionsApi {
  const api = useContext(Ctx);
  if (!api) throw new Error('useStatefulSetActions outside StatefulSetActionsProvider');
  return api;
}

export function StatefulSetActionsProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const cluster = useCluster();
  const [scaling, setScaling] = useState<StatefulSet>();
  const [deleting, setDeleting] = useState<{ items: StatefulSet[]; onDeleted?: () => void }>();

  const redeploy = useCallback(
    (sts: StatefulSet) => {
      const name = sts.metadata.name;
      const ns = sts.metadata.namespace ?? '';
      const n = sts.spec.replicas ?? 1;
      const strategy = sts.spec.updateStrategy?.type ?? 'RollingUpdate';
      const partition = sts.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
      const warnings = [
        strategy === 'OnDelete' ? t('redeploy.onDeleteWarning') : '',
        strategy === 'RollingUpdate' && partition > 0 ? t('redeploy.partitionWarning', { p: partition }) : '',
      ].filter(Boolean);
      confirm({
        title: t('redeploy.title', { name }),
        content: (
          <div data-testid="redeploy-confirm">
            <p>{t('redeploy.body', { name, first: `${name}-${Math.max(n - 1, 0)}`, last: `${name}-0` })}</p>
            {warnings.map((w) => (
              <p key={w} style={{ color: '#d48806' }}>
                {w}
              </p>
            ))}
            <code style={{ fontSize: 12 }}>{`kubectl rollout restart statefulset/${name} -n ${ns}`}</code>
          </div>
        ),
        okText: t('actions.redeploy'),
        cancelText: t('common.cancel'),
        onOk: async () => {
          try {
            const r = await redeployStatefulSet(cluster, ns, name);
            notify('success', t('redeploy.done', { name }));
            r.warnings.forEach((w) => notify('warning', w));
          } catch (err) {
            notify('error', errorMessage(err));
          }
        },
      });
    },
    [cluster, t],
  );

  const api = useMemo<ActionsApi>(
    () => ({ scale: setScaling, remove: (items, onDeleted) => setDeleting({ items, onDeleted }), redeploy }),
    [redeploy],
  );

  return (
    <Ctx.Provider value={api}>
      {children}
      <Suspense fallback={null}>
        {scaling && <ScaleDialog sts={scaling} onClose={() => setScaling(undefined)} />}
        {deleting && (
          <DeleteDialog
            items={deleting.items}
            onClose={() => setDeleting(undefined)}
            onDeleted={() => {
              deleting.onDeleted?.();
              setDeleting(undefined);
            }}
          />
        )}
      </Suspense>
    </Ctx.Provider>
  );
}
