// Row cells per kind, following upstream printers.go 1.32 (contract T-7). The apiserver calls
// the printers with Wide=true, so every row carries the priority-1 cells too (T-3).
import type { KubeObject } from '../../types';
import { accessModes, canonicalQuantity, formatLabels, formatLabelSelector, intOrString, labelSelectorString, since } from './format';
import { podCells } from './pod';

// Objects are plain JSON; printers read them defensively like Go reads zero values.
type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- untyped JSON of many kinds, read field by field
export type Printer = (obj: KubeObject, now: Date) => unknown[];

const name = (o: KubeObject) => o.metadata.name ?? '';
const age = (o: KubeObject, now: Date) => since(o.metadata.creationTimestamp, now);
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function containerCells(template: J | undefined): [string, string] {
  const containers: J[] = template?.spec?.containers ?? [];
  return [containers.map((c) => str(c.name)).join(','), containers.map((c) => str(c.image)).join(',')];
}

/** net.JoinHostPort: IPv6 literals get brackets. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function formatEndpoints(ep: J): string {
  const subsets: J[] = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses: J[] = ss.addresses ?? [];
    const ports: J[] = ss.ports ?? [];
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(str(a.ip));
      }
      continue;
    }
    for (const p of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(str(a.ip), num(p.port)));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

function lbStatus(ingress: J[] | undefined): string {
  const set = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [...set].sort().join(',');
}

function serviceExternalIP(svc: J): string {
  const spec = svc.spec ?? {};
  const externalIPs: string[] = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = lbStatus(svc.status?.loadBalancer?.ingress);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return str(spec.externalName);
    default:
      return '<unknown>';
  }
}

function portString(ports: J[] | undefined): string {
  return (ports ?? [])
    .map((p) => (num(p.nodePort) > 0 ? `${num(p.port)}:${num(p.nodePort)}/${str(p.protocol)}` : `${num(p.port)}/${str(p.protocol)}`))
    .join(',');
}

function nodeRoles(labels: Record<string, string> | undefined): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort().join(',') || '<none>';
}

function nodeAddress(node: J, type: string): string {
  return ((node.status?.addresses ?? []) as J[]).find((a) => a.type === type)?.address ?? '<none>';
}

function pvcClass(obj: J): string {
  return obj.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? obj.spec?.storageClassName ?? '';
}

function eventCells(e: J, now: Date): unknown[] {
  // Both core/v1 and events.k8s.io/v1 shapes are printed with the core printer (M-1).
  const involved: J = e.involvedObject ?? e.regarding ?? {};
  const firstTs = e.firstTimestamp ?? e.deprecatedFirstTimestamp;
  const lastTs = e.lastTimestamp ?? e.deprecatedLastTimestamp;
  const first = firstTs ? since(firstTs, now) : since(e.eventTime, now);
  let last = lastTs ? since(lastTs, now) : first;
  let count = num(e.count ?? e.deprecatedCount);
  if (e.series) {
    last = since(e.series.lastObservedTime, now);
    count = num(e.series.count);
  } else if (count === 0) count = 1;
  const kind = str(involved.kind).toLowerCase();
  const target = involved.name ? `${kind}/${involved.name}` : kind;
  const source: J = e.source ?? e.deprecatedSource ?? {};
  const component = str(source.component) || str(e.reportingController);
  const instance = str(source.host) || str(e.reportingInstance);
  return [
    last,
    str(e.type),
    str(e.reason),
    target,
    str(involved.fieldPath),
    instance ? `${component}, ${instance}` : component,
    str(e.message ?? e.note).trim(),
    first,
    count,
    e.metadata?.name ?? '',
  ];
}

function subjects(list: J[] | undefined): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of list ?? []) {
    if (s.kind === 'ServiceAccount') sas.push(`${str(s.namespace)}/${str(s.name)}`);
    else if (s.kind === 'User') users.push(str(s.name));
    else if (s.kind === 'Group') groups.push(str(s.name));
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

function hpaTargets(spec: J, status: J): string {
  const specs: J[] = spec.metrics ?? [];
  if (specs.length === 0) return '<none>';
  const statuses: J[] = status.currentMetrics ?? [];
  const q = (v: unknown) => canonicalQuantity(v);
  const list = specs.map((m, i) => {
    const cur: J | undefined = statuses[i];
    switch (m.type) {
      case 'External':
      case 'Object': {
        const key = m.type === 'External' ? 'external' : 'object';
        const target: J = m[key]?.target ?? {};
        const current: J | undefined = cur?.[key]?.current;
        if (target.averageValue !== undefined) {
          return `${current?.averageValue !== undefined ? q(current.averageValue) : '<unknown>'}/${q(target.averageValue)} (avg)`;
        }
        return `${cur?.[key] ? q(current?.value) : '<unknown>'}/${q(target.value)}`;
      }
      case 'Pods':
        return `${cur?.pods ? q(cur.pods.current?.averageValue) : '<unknown>'}/${q(m.pods?.target?.averageValue)}`;
      case 'Resource':
      case 'ContainerResource': {
        const key = m.type === 'Resource' ? 'resource' : 'containerResource';
        const src: J = m[key] ?? {};
        const target: J = src.target ?? {};
        const current: J | undefined = cur?.[key]?.current;
        if (target.averageValue !== undefined) {
          return `${str(src.name)}: ${cur?.[key] ? q(current?.averageValue) : '<unknown>'}/${q(target.averageValue)}`;
        }
        const c = current?.averageUtilization !== undefined ? `${current.averageUtilization}%` : '<unknown>';
        const t = target.averageUtilization !== undefined ? `${target.averageUtilization}%` : '<auto>';
        return `${str(src.name)}: ${c}/${t}`;
      }
      default:
        return '<unknown type>';
    }
  });
  const max = 2;
  if (list.length > max) return `${list.slice(0, max).join(', ')} + ${list.length - max} more...`;
  return list.join(', ');
}

function resourceQuotaColumns(status: J): [string, string] {
  const hard: Record<string, unknown> = status.hard ?? {};
  const used: Record<string, unknown> = status.used ?? {};
  const requests: string[] = [];
  const limits: string[] = [];
  for (const r of Object.keys(hard).sort()) {
    const text = `${r}: ${canonicalQuantity(used[r] ?? '0')}/${canonicalQuantity(hard[r])}`;
    (r.split('.')[0] === 'limits' && r.includes('.') ? limits : requests).push(text);
  }
  return [requests.join(', '), limits.join(', ')];
}

export const PRINTERS: Record<string, Printer> = {
  Pod: podCells,
  StatefulSet: (o, now) => {
    const j = o as J;
    return [name(o), `${num(j.status?.readyReplicas)}/${num(j.spec?.replicas)}`, age(o, now), ...containerCells(j.spec?.template)];
  },
  Deployment: (o, now) => {
    const j = o as J;
    const selector = j.spec?.selector ? labelSelectorString(j.spec.selector) : '';
    return [
      name(o),
      `${num(j.status?.readyReplicas)}/${num(j.spec?.replicas)}`,
      num(j.status?.updatedReplicas),
      num(j.status?.availableReplicas),
      age(o, now),
      ...containerCells(j.spec?.template),
      selector,
    ];
  },
  ReplicaSet: (o, now) => {
    const j = o as J;
    return [
      name(o),
      num(j.spec?.replicas),
      num(j.status?.replicas),
      num(j.status?.readyReplicas),
      age(o, now),
      ...containerCells(j.spec?.template),
      formatLabelSelector(j.spec?.selector),
    ];
  },
  ControllerRevision: (o, now) => {
    const owner = o.metadata.ownerReferences?.find((r) => r.controller);
    let controller = '<none>';
    if (owner) {
      const slash = owner.apiVersion.indexOf('/');
      const group = slash >= 0 ? owner.apiVersion.slice(0, slash) : '';
      controller = `${(group ? `${owner.kind}.${group}` : owner.kind).toLowerCase()}/${owner.name}`;
    }
    return [name(o), controller, num((o as J).revision), age(o, now)];
  },
  Service: (o, now) => {
    const j = o as J;
    const ports = portString(j.spec?.ports);
    return [name(o), str(j.spec?.type), j.spec?.clusterIPs?.[0] ?? '<none>', serviceExternalIP(j), ports || '<none>', age(o, now), formatLabels(j.spec?.selector)];
  },
  Endpoints: (o, now) => [name(o), formatEndpoints(o as J), age(o, now)],
  EndpointSlice: (o, now) => {
    const j = o as J;
    const ports: J[] = j.ports ?? [];
    const portList = ports.slice(0, 3).map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : p.name !== undefined ? str(p.name) : '*'));
    const addrs: string[] = ((j.endpoints ?? []) as J[]).flatMap((e) => (e.addresses ?? []) as string[]);
    return [
      name(o),
      str(j.addressType),
      listWithMore(portList, ports.length > 3, ports.length, 3),
      listWithMore(addrs.slice(0, 3), addrs.length > 3, addrs.length, 3),
      age(o, now),
    ];
  },
  Node: (o, now) => {
    const j = o as J;
    const ready = ((j.status?.conditions ?? []) as J[]).find((c) => c.type === 'Ready');
    const status: string[] = ready ? [ready.status === 'True' ? 'Ready' : 'NotReady'] : ['Unknown'];
    if (j.spec?.unschedulable) status.push('SchedulingDisabled');
    const info: J = j.status?.nodeInfo ?? {};
    return [
      name(o),
      status.join(','),
      nodeRoles(o.metadata.labels),
      age(o, now),
      str(info.kubeletVersion),
      nodeAddress(j, 'InternalIP'),
      nodeAddress(j, 'ExternalIP'),
      str(info.osImage) || '<unknown>',
      str(info.kernelVersion) || '<unknown>',
      str(info.containerRuntimeVersion) || '<unknown>',
    ];
  },
  Event: (o, now) => eventCells(o as J, now),
  Namespace: (o, now) => [name(o), str((o as J).status?.phase), age(o, now)],
  Secret: (o, now) => [name(o), str((o as J).type), Object.keys((o as J).data ?? {}).length, age(o, now)],
  ServiceAccount: (o, now) => [name(o), ((o as J).secrets ?? []).length, age(o, now)],
  ConfigMap: (o, now) => [name(o), Object.keys((o as J).data ?? {}).length + Object.keys((o as J).binaryData ?? {}).length, age(o, now)],
  PersistentVolume: (o, now) => {
    const j = o as J;
    const claim = j.spec?.claimRef ? `${str(j.spec.claimRef.namespace)}/${str(j.spec.claimRef.name)}` : '';
    const storageClass = j.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? str(j.spec?.storageClassName);
    return [
      name(o),
      canonicalQuantity(j.spec?.capacity?.storage ?? '0'),
      accessModes(j.spec?.accessModes),
      str(j.spec?.persistentVolumeReclaimPolicy),
      o.metadata.deletionTimestamp ? 'Terminating' : str(j.status?.phase),
      claim,
      storageClass,
      j.spec?.volumeAttributesClassName ?? '<unset>',
      str(j.status?.reason),
      age(o, now),
      j.spec?.volumeMode ?? '<unset>',
    ];
  },
  PersistentVolumeClaim: (o, now) => {
    const j = o as J;
    const bound = Boolean(j.spec?.volumeName);
    return [
      name(o),
      o.metadata.deletionTimestamp ? 'Terminating' : str(j.status?.phase),
      str(j.spec?.volumeName),
      bound ? canonicalQuantity(j.status?.capacity?.storage ?? '0') : '',
      bound ? accessModes(j.status?.accessModes) : '',
      pvcClass(j),
      j.spec?.volumeAttributesClassName ?? '<unset>',
      age(o, now),
      j.spec?.volumeMode ?? '<unset>',
    ];
  },
  StorageClass: (o, now) => {
    const j = o as J;
    const ann = o.metadata.annotations ?? {};
    const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    return [
      isDefault ? `${name(o)} (default)` : name(o),
      str(j.provisioner),
      j.reclaimPolicy ?? 'Delete',
      j.volumeBindingMode ?? 'Immediate',
      j.allowVolumeExpansion ?? false,
      age(o, now),
    ];
  },
  PodDisruptionBudget: (o, now) => {
    const j = o as J;
    const min = j.spec?.minAvailable !== undefined && j.spec?.minAvailable !== null ? intOrString(j.spec.minAvailable) : 'N/A';
    const max = j.spec?.maxUnavailable !== undefined && j.spec?.maxUnavailable !== null ? intOrString(j.spec.maxUnavailable) : 'N/A';
    return [name(o), min, max, num(j.status?.disruptionsAllowed), age(o, now)];
  },
  HorizontalPodAutoscaler: (o, now) => {
    const j = o as J;
    const ref: J = j.spec?.scaleTargetRef ?? {};
    const minPods = j.spec?.minReplicas !== undefined && j.spec?.minReplicas !== null ? String(j.spec.minReplicas) : '<unset>';
    return [name(o), `${str(ref.kind)}/${str(ref.name)}`, hpaTargets(j.spec ?? {}, j.status ?? {}), minPods, num(j.spec?.maxReplicas), num(j.status?.currentReplicas), age(o, now)];
  },
  Ingress: (o, now) => {
    const j = o as J;
    const rules: J[] = j.spec?.rules ?? [];
    const hosts: string[] = [];
    let more = false;
    for (const r of rules) {
      if (hosts.length === 3) more = true;
      if (!more && r.host) hosts.push(r.host);
    }
    let hostCell = hosts.length === 0 ? '*' : hosts.join(',');
    if (more && hosts.length > 0) hostCell = `${hostCell} + ${rules.length - 3} more...`;
    const ports = (j.spec?.tls ?? []).length > 0 ? '80, 443' : '80';
    return [name(o), j.spec?.ingressClassName ?? '<none>', hostCell, lbStatus(j.status?.loadBalancer?.ingress), ports, age(o, now)];
  },
  RoleBinding: (o, now) => {
    const j = o as J;
    return [name(o), `${str(j.roleRef?.kind)}/${str(j.roleRef?.name)}`, age(o, now), ...subjects(j.subjects)];
  },
  ClusterRoleBinding: (o, now) => {
    const j = o as J;
    return [name(o), `${str(j.roleRef?.kind)}/${str(j.roleRef?.name)}`, age(o, now), ...subjects(j.subjects)];
  },
  Lease: (o, now) => [name(o), str((o as J).spec?.holderIdentity), age(o, now)],
  ResourceQuota: (o, now) => [name(o), ...resourceQuotaColumns((o as J).status ?? {}), age(o, now)],
};

/** rest.NewDefaultTableConvertor cells: name and creationTimestamp as RFC 3339 (T-9). */
export function defaultCells(o: KubeObject): unknown[] {
  const ts = o.metadata.creationTimestamp;
  // Go formats the zero time for a missing timestamp.
  const t = ts ? Date.parse(ts) : NaN;
  return [name(o), Number.isNaN(t) ? '0001-01-01T00:00:00Z' : new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z')];
}
