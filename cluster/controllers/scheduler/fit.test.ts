import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types';
import { fitErrorMessage, schedulePod, type NodeInfo } from './fit';
import { podRequests } from './podResources';

function node(name: string, opts: { labels?: Record<string, string>; cpu?: string; memory?: string; taints?: { key: string; value?: string; effect: string }[]; unschedulable?: boolean; gpu?: string } = {}): KubeObject {
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': `zone-${name.slice(-1)}`, ...(opts.labels ?? {}) } },
    spec: { ...(opts.taints ? { taints: opts.taints } : {}), ...(opts.unschedulable ? { unschedulable: true } : {}) },
    status: { allocatable: { cpu: opts.cpu ?? '7800m', memory: opts.memory ?? '31Gi', pods: '110', ...(opts.gpu ? { 'nvidia.com/gpu': opts.gpu } : {}) } },
  };
}

function pod(name: string, spec: Record<string, unknown> = {}, labels: Record<string, string> = {}, cpu?: string): KubeObject {
  return {
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels },
    spec: { containers: [{ name: 'c', image: 'nginx', ...(cpu ? { resources: { requests: { cpu } } } : {}) }], ...spec },
    status: { phase: 'Running' },
  };
}

const GPU_TAINT = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
const fixture = (): NodeInfo[] => [
  { node: node('node-1', { labels: { disktype: 'ssd' } }), pods: [] },
  { node: node('node-2'), pods: [] },
  { node: node('node-3', { labels: { gpu: 'true' }, taints: [GPU_TAINT], gpu: '2' }), pods: [] },
];

describe('scheduler filters and FailedScheduling text (E-11)', () => {
  const cases: { name: string; pod: KubeObject; infos?: NodeInfo[]; want: string }[] = [
    {
      // More than any node's allocatable: preemption cannot help anywhere (1.32 fit.go Unresolvable).
      name: 'taint plus a request larger than any node',
      pod: pod('big', {}, {}, '8'),
      want: '0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    },
    {
      // Fits an empty node, but the nodes are full of equal-priority pods: no victims.
      name: 'taint plus nodes filled by other pods',
      pod: pod('mid', {}, {}, '4'),
      infos: [
        { node: node('node-1'), pods: [pod('a', {}, {}, '4')] },
        { node: node('node-2'), pods: [pod('b', {}, {}, '5')] },
        { node: node('node-3', { taints: [GPU_TAINT] }), pods: [] },
      ],
      want: '0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    },
    {
      name: 'nodeSelector matching nothing',
      pod: pod('sel', { nodeSelector: { disktype: 'nvme' } }),
      want: "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    },
    {
      name: 'cordoned nodes come first',
      pod: pod('c'),
      infos: [
        { node: node('node-1', { unschedulable: true }), pods: [] },
        { node: node('node-2', { unschedulable: true }), pods: [] },
      ],
      want: '0/2 nodes are available: 2 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    },
    {
      name: 'required anti-affinity per hostname with every node taken',
      pod: pod('web-2', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } } }, { app: 'web' }),
      infos: [
        { node: node('node-1'), pods: [pod('web-0', {}, { app: 'web' })] },
        { node: node('node-2'), pods: [pod('web-1', {}, { app: 'web' })] },
      ],
      want: "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.",
    },
    {
      name: 'pod affinity to pods that exist nowhere suitable',
      pod: pod('x', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'topology.kubernetes.io/zone' }] } } }),
      infos: [
        { node: node('node-1'), pods: [] },
        { node: node('node-2'), pods: [] },
      ],
      want: "0/2 nodes are available: 2 node(s) didn't match pod affinity rules. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    },
    {
      name: 'too many pods',
      pod: pod('p'),
      infos: [{ node: { ...node('node-1'), status: { allocatable: { cpu: '8', memory: '1Gi', pods: '1' } } }, pods: [pod('q')] }],
      want: '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    },
    {
      name: 'an extended resource no node has enough of',
      pod: { ...pod('g'), spec: { containers: [{ name: 'c', image: 'cuda', resources: { requests: { 'nvidia.com/gpu': '4' } } }], tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] } },
      want: '0/3 nodes are available: 3 Insufficient nvidia.com/gpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = schedulePod(c.pod, c.infos ?? fixture());
      expect('error' in r && r.error).toBe(c.want);
    });
  }

  it('preemptionPolicy Never and an empty cluster', () => {
    const r = schedulePod(pod('n', { nodeSelector: { disktype: 'nvme' }, preemptionPolicy: 'Never' }), fixture());
    expect('error' in r && r.error).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 node(s) didn't match Pod's node affinity/selector. preemption: not eligible due to preemptionPolicy=Never..",
    );
    const none = schedulePod(pod('z'), []);
    expect('error' in none && none.error).toBe('no nodes available to schedule pods');
  });

  it('a PreFilter failure replaces the per-node reasons', () => {
    expect(fitErrorMessage(3, new Map(), 'pod has unbound immediate PersistentVolumeClaims')).toBe(
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });
});

describe('scheduler placement', () => {
  it('keeps untolerating pods off the tainted node and spreads a StatefulSet across nodes', () => {
    const owner = [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'sts', controller: true }];
    const infos = fixture();
    const placed: string[] = [];
    for (const name of ['web-0', 'web-1']) {
      const p = pod(name, {}, { app: 'web' });
      p.metadata.ownerReferences = owner;
      const r = schedulePod(p, infos);
      if (!('node' in r)) throw new Error(r.error);
      placed.push(r.node);
      infos.find((i) => i.node.metadata.name === r.node)!.pods.push(p);
    }
    expect(placed.sort()).toEqual(['node-1', 'node-2']);
  });

  it('a toleration and a node selector send a pod to the GPU node', () => {
    const p = pod('gpu', { nodeSelector: { gpu: 'true' }, tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(schedulePod(p, fixture())).toEqual({ node: 'node-3' });
  });

  it('required node affinity terms are ORed, expressions ANDed; preferred terms win ties', () => {
    const p = pod('a', {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['zone-1', 'zone-2'] }] }] },
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] } }],
        },
      },
    });
    expect(schedulePod(p, fixture())).toEqual({ node: 'node-1' });
  });

  it('the first pod of a self-affine group may go anywhere', () => {
    const term = { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'topology.kubernetes.io/zone' };
    const p = pod('db-0', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } }, { app: 'db' });
    expect('node' in schedulePod(p, fixture())).toBe(true);
  });
});

describe('pod requests', () => {
  it('sums app containers and takes the larger init container, plus overhead', () => {
    const r = podRequests({
      containers: [{ name: 'a', resources: { requests: { cpu: '100m', memory: '64Mi' } } }, { name: 'b', resources: { requests: { cpu: '200m' } } }],
      initContainers: [{ name: 'i', resources: { requests: { cpu: '1', memory: '32Mi' } } }],
      overhead: { cpu: '10m' },
    });
    expect(r.cpu).toBe(1010);
    expect(r.memory).toBe(64 * 1024 * 1024 * 1000);
  });
  it('sidecars (restartable init containers) add to the app containers', () => {
    const r = podRequests({ containers: [{ name: 'a', resources: { requests: { cpu: '100m' } } }], initContainers: [{ name: 's', restartPolicy: 'Always', resources: { requests: { cpu: '50m' } } }] });
    expect(r.cpu).toBe(150);
  });
});
