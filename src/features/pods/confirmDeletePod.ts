// "Delete Pod" with its confirmation (console-spec §3.3): the StatefulSet's pod table and the
// Pod page share it. The controller recreates the Pod with the same name and volumes.
import type { TFunction } from 'i18next';
import { deletePod } from '../../api/mutations';
import { errorMessage } from '../../api/errors';
import { confirm, notify } from '../../app/feedback';

export function confirmDeletePod(t: TFunction, cluster: string, ns: string, name: string, onDeleted?: () => void): void {
  confirm({
    title: t('pods.deleteTitle', { pod: name }),
    content: t('pods.deleteBody', { pod: name }),
    okText: t('actions.delete'),
    okButtonProps: { danger: true },
    cancelText: t('common.cancel'),
    onOk: async () => {
      try {
        await deletePod(cluster, ns, name);
        notify('success', t('pods.deleted', { pod: name }));
        onDeleted?.();
      } catch (err) {
        notify('error', errorMessage(err));
      }
    },
  });
}
