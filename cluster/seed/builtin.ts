// Built-in objects every cluster starts with (architecture.md §2 `--seed none`, M-8,
// console-spec.md §0.5): namespaces, the kubernetes Service, three nodes, storage classes,
// default ServiceAccounts and root-CA ConfigMaps, and the RBAC defaults.
import { bootstrapRbac } from '../auth/rbac';
import { findResourceByKind } from '../registry/resources';
import type { Registry } from '../api/rest/registry';
import { writeContext } from '../api/rest/types';
import type { KubeObject } from '../types';

const NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

interface NodeSpec {
  name: string;
  zone: string;
  ip: string;
  labels?: Record<string, string>;
  capacity?: Record<string, string>;
  taints?: { key: string; value: string; effect: string }[];
}

const NODES: NodeSpec[] = [
  { name: 'node-1', zone: 'zone-a', ip: '10.0.0.11', labels: { disktype: 'ssd' } },
  { name: 'node-2', zone: 'zone-b', ip: '10.0.0.12' },
  {
    name: 'node-3',
    zone: 'zone-c',
    ip: '10.0.0.13',
    labels: { gpu: 'true' },
    capacity: { 'nvidia.com/gpu': '2' },
    taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
  },
];

// Simulation choice: a real kubelet defaults to --max-pods=110, but the simulated nodes accept
// 2,500 pods each so the two untainted nodes can run 1,000 StatefulSets × 3 replicas (bench).
const MAX_PODS = '2500';

function node(n: NodeSpec, now: string): { obj: KubeObject; status: Record<string, unknown> } {
  const capacity = { cpu: '8', memory: '32Gi', pods: MAX_PODS, 'ephemeral-storage': '100Gi', ...(n.capacity ?? {}) };
  const obj: KubeObject = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels: {
        'kubernetes.io/hostname': n.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'beta.kubernetes.io/arch': 'amd64',
        'topology.kubernetes.io/zone': n.zone,
        'topology.kubernetes.io/region': 'ordinal',
        ...(n.labels ?? {}),
      },
    },
    spec: n.taints ? { taints: n.taints } : {},
  };
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    reason,
    message,
  });
  const status = {
    capacity,
    allocatable: { ...capacity, cpu: '7800m', memory: '31Gi' },
    conditions: [
      condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
      condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
    ],
    addresses: [
      { type: 'InternalIP', address: n.ip },
      { type: 'Hostname', address: n.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: `ordinal-${n.name}`,
      systemUUID: `ordinal-${n.name}`,
      bootID: `ordinal-${n.name}`,
      kernelVersion: '6.1.0-ordinal',
      osImage: 'Ordinal Simulated Linux',
      containerRuntimeVersion: 'ordinal://1.0.0',
      kubeletVersion: 'v1.32.4',
      kubeProxyVersion: 'v1.32.4',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  };
  return { obj, status };
}

/** The built-in objects in creation order; status (for kinds with a status subresource) separately. */
function builtinObjects(caCertPem: string, now: string): { obj: KubeObject; status?: Record<string, unknown> }[] {
  const out: { obj: KubeObject; status?: Record<string, unknown> }[] = [];
  for (const ns of NAMESPACES) out.push({ obj: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } });
  for (const ns of NAMESPACES) {
    out.push({ obj: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } } });
    out.push({ obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: ns }, data: { 'ca.crt': caCertPem } } });
  }
  out.push({
    obj: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: {
        type: 'ClusterIP',
        clusterIP: '10.96.0.1',
        clusterIPs: ['10.96.0.1'],
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
        sessionAffinity: 'None',
      },
    },
  });
  for (const n of NODES) out.push(node(n, now));
  // Node heartbeats live in kube-node-lease (`kubectl describe node` shows the Lease).
  for (const n of NODES) {
    out.push({
      obj: {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: n.name, namespace: 'kube-node-lease' },
        spec: { holderIdentity: n.name, leaseDurationSeconds: 40, renewTime: now.replace('Z', '.000000Z') },
      },
    });
  }
  out.push({
    obj: {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'ordinal/simulated',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
    },
  });
  out.push({
    obj: {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'fast-ssd' },
      provisioner: 'ordinal/simulated',
      parameters: { type: 'ssd' },
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: false,
    },
  });
  for (const o of bootstrapRbac()) out.push({ obj: o });
  return out;
}

/** Creates every built-in object that does not exist yet (idempotent, so a crash mid-seed heals). */
export function seedBuiltin(reg: Registry, caCertPem: string): number {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  let created = 0;
  for (const { obj, status } of builtinObjects(caCertPem, now)) {
    const d = findResourceByKind(obj.apiVersion ?? '', obj.kind ?? '');
    if (!d) throw new Error(`seed: no resource serves ${obj.apiVersion} ${obj.kind}`);
    const ns = d.namespaced ? obj.metadata.namespace : undefined;
    if (reg.row(d, ns, obj.metadata.name ?? '')) continue;
    const ctx = writeContext({ fieldManager: 'ordinal-bootstrap' });
    const res = reg.create(d, ns, structuredClone(obj), ctx);
    if (status) reg.update(d, ns, res.object.metadata.name!, { ...res.object, status }, ctx, 'status');
    created++;
  }
  return created;
}
