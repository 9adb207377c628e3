// Read-only lists reached from the side navigation (console-spec.md §4.2, first slice):
// Pods, Services, Persistent Volume Claims and Events. Each page is a Kind plus columns as
// data; ResourceListPage does the rest (list + watch, search, virtualized table).
import type { TFunction } from 'i18next';
import { Link } from 'react-router-dom';
import type { Column } from '../../components/ResourceTable';
import { RelativeTime } from '../../components/RelativeTime';
import { EventKind, PodKind, PVCKind, ServiceKind, type Kind } from '../../k8s/kinds';
import type { K8sObject, KubeEvent, Pod, Service } from '../../k8s/types';
import { podReason } from '../statefulsets/detail/podModel';

export interface ResourcePage {
  kind: Kind;
  /** i18n key of the page title (the nav label). */
  title: string;
  columns(t: TFunction, all: boolean): Column<K8sObject>[];
  /** Newest first unless a page says otherwise. */
  sortTime?(o: K8sObject): string | undefined;
}

type Pvc = K8sObject & {
  spec?: { accessModes?: string[]; storageClassName?: string; volumeName?: string; resources?: { requests?: { storage?: string } } };
  status?: { phase?: string; capacity?: { storage?: string } };
};

const nameCol = (t: TFunction, link?: (o: K8sObject) => string): Column<K8sObject> => ({
  key: 'name',
  title: t('list.col.name'),
  width: 'minmax(160px, 2fr)',
  render: (o) => (link ? <Link to={link(o)}>{o.metadata.name}</Link> : o.metadata.name),
});
const nsCol = (t: TFunction): Column<K8sObject> => ({ key: 'namespace', title: t('list.col.namespace'), width: 'minmax(90px, 1fr)', render: (o) => o.metadata.namespace });
const ageCol = (t: TFunction): Column<K8sObject> => ({ key: 'age', title: t('pods.col.age'), width: '80px', render: (o) => <RelativeTime time={o.metadata.creationTimestamp} /> });
const withNs = (t: TFunction, all: boolean, cols: Column<K8sObject>[]) => (all ? [cols[0], nsCol(t), ...cols.slice(1)] : cols);

function ownerLink(o: K8sObject): string | undefined {
  const owner = o.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'StatefulSet');
  return owner ? `/ns/${o.metadata.namespace}/statefulsets/${owner.name}/resource-status` : undefined;
}

export const RESOURCE_PAGES: Record<string, ResourcePage> = {
  pods: {
    kind: PodKind,
    title: 'nav.pods',
    columns: (t, all) =>
      withNs(t, all, [
        nameCol(t, (o) => `/ns/${o.metadata.namespace}/pods/${o.metadata.name}/containers`),
        {
          key: 'status',
          title: t('pods.col.status'),
          width: 'minmax(140px, 1.5fr)',
          render: (o) => {
            const p = o as Pod;
            const cs = p.status?.containerStatuses ?? [];
            const reason = podReason(p);
            return `${p.status?.phase ?? 'Pending'} ${cs.filter((c) => c.ready).length}/${p.spec?.containers.length ?? cs.length}${reason ? ` · ${reason}` : ''}`;
          },
        },
        { key: 'node', title: t('pods.col.node'), width: 'minmax(80px, 1fr)', render: (o) => (o as Pod).spec?.nodeName ?? '—' },
        { key: 'ip', title: t('pods.col.ip'), width: 'minmax(100px, 1fr)', render: (o) => (o as Pod).status?.podIP ?? '—' },
        {
          key: 'owner',
          title: t('podDetail.owner'),
          width: 'minmax(100px, 1fr)',
          render: (o) => {
            const to = ownerLink(o);
            return to ? <Link to={to}>{o.metadata.ownerReferences?.find((r) => r.controller)?.name}</Link> : '—';
          },
        },
        ageCol(t),
      ]),
  },
  services: {
    kind: ServiceKind,
    title: 'nav.services',
    columns: (t, all) =>
      withNs(t, all, [
        nameCol(t, (o) => `/ns/${o.metadata.namespace}/services/${o.metadata.name}`),
        {
          key: 'type',
          title: t('resources.type'),
          width: '110px',
          render: (o) => ((o as Service).spec?.clusterIP === 'None' ? 'Headless' : ((o as Service).spec?.type ?? 'ClusterIP')),
        },
        { key: 'clusterIP', title: t('resources.clusterIP'), width: 'minmax(100px, 1fr)', render: (o) => (o as Service).spec?.clusterIP ?? '—' },
        {
          key: 'ports',
          title: t('containers.ports'),
          width: 'minmax(120px, 1.5fr)',
          render: (o) => ((o as Service).spec?.ports ?? []).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(', ') || '—',
        },
        ageCol(t),
      ]),
  },
  persistentvolumeclaims: {
    kind: PVCKind,
    title: 'nav.pvcs',
    columns: (t, all) =>
      withNs(t, all, [
        nameCol(t),
        { key: 'status', title: t('pods.col.status'), width: '90px', render: (o) => (o as Pvc).status?.phase ?? '—' },
        { key: 'capacity', title: t('resources.capacity'), width: '90px', render: (o) => (o as Pvc).status?.capacity?.storage ?? (o as Pvc).spec?.resources?.requests?.storage ?? '—' },
        { key: 'modes', title: t('resources.accessModes'), width: 'minmax(110px, 1fr)', render: (o) => ((o as Pvc).spec?.accessModes ?? []).join(', ') },
        { key: 'class', title: t('resources.storageClass'), width: 'minmax(90px, 1fr)', render: (o) => (o as Pvc).spec?.storageClassName ?? '—' },
        { key: 'volume', title: t('resources.volume'), width: 'minmax(120px, 1.5fr)', render: (o) => (o as Pvc).spec?.volumeName || '—' },
        ageCol(t),
      ]),
  },
  events: {
    kind: EventKind,
    title: 'nav.events',
    sortTime: (o) => {
      const e = o as KubeEvent;
      return e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp;
    },
    columns: (t, all) => {
      const cols: Column<K8sObject>[] = [
        { key: 'type', title: t('events.type'), width: '80px', render: (o) => (o as KubeEvent).type },
        { key: 'reason', title: t('events.reason'), width: 'minmax(110px, 1fr)', render: (o) => (o as KubeEvent).reason },
        {
          key: 'object',
          title: t('resources.object'),
          width: 'minmax(140px, 1.2fr)',
          render: (o) => {
            const io = (o as KubeEvent).involvedObject;
            return io ? `${io.kind}/${io.name}` : '—';
          },
        },
        { key: 'message', title: t('events.message'), width: 'minmax(200px, 3fr)', render: (o) => <span title={(o as KubeEvent).message}>{(o as KubeEvent).message}</span> },
        {
          key: 'time',
          title: t('events.time'),
          width: '90px',
          render: (o) => {
            const e = o as KubeEvent;
            return <RelativeTime time={e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp} />;
          },
        },
      ];
      return all ? [cols[0], nsCol(t), ...cols.slice(1)] : cols;
    },
  },
};
