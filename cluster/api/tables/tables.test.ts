import { describe, expect, it } from 'vitest';
import { findResource, type ResourceDescriptor } from '../../registry/resources';
import type { KubeObject } from '../../types';
import { isStatusError } from '../errors';
import { toTable, wantsTable, type Table } from './index';

const NOW = new Date('2026-11-23T12:00:00Z');
const TS = '2026-11-23T11:55:00Z'; // 5m before NOW
const KUBECTL_GET_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

function res(group: string, version: string, resource: string): ResourceDescriptor {
  const d = findResource(group, version, resource);
  if (!d) throw new Error(resource);
  return d;
}

function obj(kind: string, name: string, rest: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return { kind, metadata: { name, namespace: 'default', uid: 'u-1', resourceVersion: '7', creationTimestamp: TS, ...meta }, ...rest };
}

const headers = (t: Table) => t.columnDefinitions!.map((c) => (c.priority === 0 ? c.name.toUpperCase() : `(${c.name.toUpperCase()})`));
const cells = (t: Table, i = 0) => t.rows[i].cells;

describe('wantsTable (T-1)', () => {
  it('answers Table for the kubectl get header and not for plain JSON or protobuf-first', () => {
    expect(wantsTable(KUBECTL_GET_ACCEPT)).toBe(true);
    expect(wantsTable('application/json;as=Table;v=v1beta1;g=meta.k8s.io, application/json')).toBe(true);
    expect(wantsTable('application/json')).toBe(false);
    expect(wantsTable('application/vnd.kubernetes.protobuf,application/json')).toBe(false);
    expect(wantsTable(undefined)).toBe(false);
    expect(wantsTable('application/json;as=Table;v=v2;g=meta.k8s.io,application/json')).toBe(false);
  });
});

describe('toTable shape (T-2, T-3, T-4)', () => {
  const sts = obj('StatefulSet', 'web', {
    spec: { replicas: 3, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }, { name: 'side', image: 'busybox' }] } } },
    status: { readyReplicas: 2 },
  }, { labels: { app: 'web' } });

  it('renders statefulsets with wide columns and PartialObjectMetadata rows', () => {
    const t = toTable(res('apps', 'v1', 'statefulsets'), [sts], { resourceVersion: '1234', now: NOW });
    expect(t.kind).toBe('Table');
    expect(t.apiVersion).toBe('meta.k8s.io/v1');
    expect(t.metadata).toEqual({ resourceVersion: '1234' });
    expect(headers(t)).toEqual(['NAME', 'READY', 'AGE', '(CONTAINERS)', '(IMAGES)']);
    expect(t.columnDefinitions![0]).toMatchObject({ name: 'Name', type: 'string', format: 'name', priority: 0 });
    expect(t.columnDefinitions![0].description).toMatch(/^Name must be unique within a namespace/);
    expect(t.columnDefinitions![1]).toEqual({ name: 'Ready', type: 'string', format: '', description: 'Number of the pod with ready state', priority: 0 });
    expect(cells(t)).toEqual(['web', '2/3', '5m', 'nginx,side', 'nginx:1.25,busybox']);
    expect(t.rows[0].object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: sts.metadata });
    expect(JSON.stringify(t.rows[0])).toMatch(/^\{"cells":/);
  });

  it('honours includeObject=Object and None, rejects anything else with 400', () => {
    const d = res('apps', 'v1', 'statefulsets');
    const full = toTable(d, [sts], { includeObject: 'Object', now: NOW }).rows[0].object as KubeObject;
    expect(full.spec).toEqual(sts.spec);
    expect(full.apiVersion).toBe('apps/v1');
    expect(toTable(d, [sts], { includeObject: 'None', now: NOW }).rows[0].object).toBeNull();
    try {
      toTable(d, [sts], { includeObject: 'Everything' });
      expect.unreachable();
    } catch (e) {
      expect(isStatusError(e) && e.status.code).toBe(400);
      expect(isStatusError(e) && e.status.message).toBe('unrecognized includeObject value: "Everything"');
    }
  });

  it('keeps pagination metadata and empty rows, and nulls definitions for later watch events', () => {
    const t = toTable(res('', 'v1', 'pods'), [], { resourceVersion: '9', continue: 'abc', remainingItemCount: 4, omitColumnDefinitions: true });
    expect(t.metadata).toEqual({ resourceVersion: '9', continue: 'abc', remainingItemCount: 4 });
    expect(t.rows).toEqual([]);
    expect(t.columnDefinitions).toBeNull();
  });
});

describe('columns and cells per kind (T-7)', () => {
  it('pods', () => {
    const t = toTable(res('', 'v1', 'pods'), [obj('Pod', 'web-0', { spec: { containers: [{ name: 'a' }] }, status: { phase: 'Succeeded' } })], { now: NOW });
    expect(headers(t)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', '(IP)', '(NODE)', '(NOMINATED NODE)', '(READINESS GATES)']);
    expect(t.columnDefinitions![3].type).toBe('string');
    expect(t.rows[0].conditions?.[0]).toMatchObject({ type: 'Completed', reason: 'Succeeded' });
  });

  it('persistentvolumeclaims show capacity and modes only when bound', () => {
    const d = res('', 'v1', 'persistentvolumeclaims');
    const bound = obj('PersistentVolumeClaim', 'data-web-0', {
      spec: { volumeName: 'pv-1', storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } },
      status: { phase: 'Bound', capacity: { storage: '1024Mi' }, accessModes: ['ReadWriteOnce', 'ReadWriteOncePod'] },
    });
    const pending = obj('PersistentVolumeClaim', 'data-web-1', { spec: { storageClassName: 'standard' }, status: { phase: 'Pending' } }, { deletionTimestamp: TS });
    const t = toTable(d, [bound, pending], { now: NOW });
    expect(headers(t)).toEqual(['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE', '(VOLUMEMODE)']);
    expect(cells(t, 0)).toEqual(['data-web-0', 'Bound', 'pv-1', '1Gi', 'RWO,RWOP', 'standard', '<unset>', '5m', '<unset>']);
    expect(cells(t, 1)).toEqual(['data-web-1', 'Terminating', '', '', '', 'standard', '<unset>', '5m', '<unset>']);
  });

  it('services', () => {
    const d = res('', 'v1', 'services');
    const t = toTable(
      d,
      [
        obj('Service', 'web', { spec: { type: 'ClusterIP', clusterIPs: ['10.96.0.10'], ports: [{ port: 80, protocol: 'TCP' }], selector: { tier: 'x', app: 'web' } } }),
        obj('Service', 'np', { spec: { type: 'NodePort', clusterIPs: ['10.96.0.11'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] } }),
        obj('Service', 'lb', { spec: { type: 'LoadBalancer', clusterIPs: ['10.96.0.12'], ports: [] } }),
        obj('Service', 'ext', { spec: { type: 'ExternalName', externalName: 'example.com' } }),
      ],
      { now: NOW },
    );
    expect(headers(t)).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', '(SELECTOR)']);
    expect(cells(t, 0)).toEqual(['web', 'ClusterIP', '10.96.0.10', '<none>', '80/TCP', '5m', 'app=web,tier=x']);
    expect(cells(t, 1).slice(3, 5)).toEqual(['<none>', '80:30080/TCP,53/UDP']);
    expect(cells(t, 2).slice(2, 5)).toEqual(['10.96.0.12', '<pending>', '<none>']);
    expect(cells(t, 3).slice(2, 4)).toEqual(['<none>', 'example.com']);
  });

  it('controllerrevisions name the controller as kind.group/name', () => {
    const cr = obj('ControllerRevision', 'web-7c9f', { revision: 2 }, {
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'x', controller: true }],
    });
    const t = toTable(res('apps', 'v1', 'controllerrevisions'), [cr, obj('ControllerRevision', 'orphan', { revision: 1 })], { now: NOW });
    expect(headers(t)).toEqual(['NAME', 'CONTROLLER', 'REVISION', 'AGE']);
    expect(cells(t, 0)).toEqual(['web-7c9f', 'statefulset.apps/web', 2, '5m']);
    expect(cells(t, 1)[1]).toBe('<none>');
  });

  it('nodes', () => {
    const node = obj('Node', 'node-1', {
      spec: { unschedulable: true },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
        nodeInfo: { kubeletVersion: 'v1.32.4', osImage: 'Ordinal', kernelVersion: '', containerRuntimeVersion: 'sim://1' },
      },
    }, { labels: { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'db' } });
    const t = toTable(res('', 'v1', 'nodes'), [node, obj('Node', 'node-2', { status: {} })], { now: NOW });
    expect(headers(t)).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', '(INTERNAL-IP)', '(EXTERNAL-IP)', '(OS-IMAGE)', '(KERNEL-VERSION)', '(CONTAINER-RUNTIME)']);
    expect(cells(t, 0)).toEqual(['node-1', 'Ready,SchedulingDisabled', 'control-plane,db,worker', '5m', 'v1.32.4', '10.0.0.1', '<none>', 'Ordinal', '<unknown>', 'sim://1']);
    expect(cells(t, 1).slice(1, 3)).toEqual(['Unknown', '<none>']);
  });

  it('events (core and events.k8s.io shapes)', () => {
    const core = obj('Event', 'web.17f', {
      involvedObject: { kind: 'StatefulSet', name: 'web', fieldPath: '' },
      reason: 'SuccessfulCreate',
      message: ' create Pod web-0 in StatefulSet web successful \n',
      type: 'Normal',
      count: 3,
      firstTimestamp: '2026-11-23T11:00:00Z',
      lastTimestamp: '2026-11-23T11:59:30Z',
      source: { component: 'statefulset-controller' },
    });
    const t = toTable(res('', 'v1', 'events'), [core], { now: NOW });
    expect(headers(t)).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', '(SUBOBJECT)', '(SOURCE)', 'MESSAGE', '(FIRST SEEN)', '(COUNT)', '(NAME)']);
    expect(cells(t)).toEqual(['30s', 'Normal', 'SuccessfulCreate', 'statefulset/web', '', 'statefulset-controller', 'create Pod web-0 in StatefulSet web successful', '60m', 3, 'web.17f']);
    const modern = obj('Event', 'web.18a', {
      regarding: { kind: 'Pod', name: 'web-0', fieldPath: 'spec.containers{app}' },
      reason: 'Pulled',
      note: 'pulled',
      type: 'Normal',
      eventTime: '2026-11-23T11:59:00.000000Z',
      reportingController: 'kubelet',
      reportingInstance: 'node-1',
    });
    expect(cells(toTable(res('events.k8s.io', 'v1', 'events'), [modern], { now: NOW }))).toEqual([
      '60s', 'Normal', 'Pulled', 'pod/web-0', 'spec.containers{app}', 'kubelet, node-1', 'pulled', '60s', 1, 'web.18a',
    ]);
  });

  it('namespaces, configmaps, secrets, serviceaccounts', () => {
    expect(cells(toTable(res('', 'v1', 'namespaces'), [obj('Namespace', 'default', { status: { phase: 'Active' } })], { now: NOW }))).toEqual(['default', 'Active', '5m']);
    const cm = toTable(res('', 'v1', 'configmaps'), [obj('ConfigMap', 'c', { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } })], { now: NOW });
    expect(headers(cm)).toEqual(['NAME', 'DATA', 'AGE']);
    expect(cells(cm)).toEqual(['c', 3, '5m']);
    expect(cells(toTable(res('', 'v1', 'secrets'), [obj('Secret', 's', { type: 'Opaque', data: { k: 'dg==' } })], { now: NOW }))).toEqual(['s', 'Opaque', 1, '5m']);
    expect(cells(toTable(res('', 'v1', 'serviceaccounts'), [obj('ServiceAccount', 'default')], { now: NOW }))).toEqual(['default', 0, '5m']);
  });

  it('storageclasses mark the default class and default their policies', () => {
    const sc = obj('StorageClass', 'standard', { provisioner: 'ordinal/simulated', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true }, {
      annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
    });
    const t = toTable(res('storage.k8s.io', 'v1', 'storageclasses'), [sc, obj('StorageClass', 'slow', { provisioner: 'x' })], { now: NOW });
    expect(headers(t)).toEqual(['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE']);
    expect(cells(t, 0)).toEqual(['standard (default)', 'ordinal/simulated', 'Delete', 'WaitForFirstConsumer', true, '5m']);
    expect(cells(t, 1)).toEqual(['slow', 'x', 'Delete', 'Immediate', false, '5m']);
  });

  it('deployments and replicasets', () => {
    const spec = { replicas: 3, selector: { matchLabels: { app: 'api' } }, template: { spec: { containers: [{ name: 'api', image: 'api:1' }] } } };
    const dep = toTable(res('apps', 'v1', 'deployments'), [obj('Deployment', 'api', { spec, status: { readyReplicas: 1, updatedReplicas: 2, availableReplicas: 1 } })], { now: NOW });
    expect(headers(dep)).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', '(CONTAINERS)', '(IMAGES)', '(SELECTOR)']);
    expect(cells(dep)).toEqual(['api', '1/3', 2, 1, '5m', 'api', 'api:1', 'app=api']);
    const rs = toTable(res('apps', 'v1', 'replicasets'), [obj('ReplicaSet', 'api-5d', { spec, status: { replicas: 3, readyReplicas: 3 } })], { now: NOW });
    expect(headers(rs)).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', '(CONTAINERS)', '(IMAGES)', '(SELECTOR)']);
    expect(cells(rs)).toEqual(['api-5d', 3, 3, 3, '5m', 'api', 'api:1', 'app=api']);
  });

  it('rolebindings and the default convertor for roles', () => {
    const rb = obj('RoleBinding', 'bob-edit', {
      roleRef: { kind: 'ClusterRole', name: 'edit' },
      subjects: [{ kind: 'User', name: 'bob' }, { kind: 'Group', name: 'devs' }, { kind: 'ServiceAccount', name: 'ci', namespace: 'team-a' }, { kind: 'User', name: 'amy' }],
    });
    const t = toTable(res('rbac.authorization.k8s.io', 'v1', 'rolebindings'), [rb], { now: NOW });
    expect(headers(t)).toEqual(['NAME', 'ROLE', 'AGE', '(USERS)', '(GROUPS)', '(SERVICEACCOUNTS)']);
    expect(cells(t)).toEqual(['bob-edit', 'ClusterRole/edit', '5m', 'bob, amy', 'devs', 'team-a/ci']);
    const roles = toTable(res('rbac.authorization.k8s.io', 'v1', 'clusterroles'), [obj('ClusterRole', 'view', {}, { creationTimestamp: '2026-11-23T10:00:00.123Z' })], { now: NOW });
    expect(headers(roles)).toEqual(['NAME', 'CREATED AT']);
    expect(roles.columnDefinitions![1].type).toBe('date');
    expect(cells(roles)).toEqual(['view', '2026-11-23T10:00:00Z']);
  });

  it('persistentvolumes, pdbs, endpoints, leases', () => {
    const pv = obj('PersistentVolume', 'pv-1', {
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete', claimRef: { namespace: 'default', name: 'data-web-0' }, storageClassName: 'standard', volumeMode: 'Filesystem' },
      status: { phase: 'Bound' },
    });
    const pvt = toTable(res('', 'v1', 'persistentvolumes'), [pv], { now: NOW });
    expect(headers(pvt)).toEqual(['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE', '(VOLUMEMODE)']);
    expect(cells(pvt)).toEqual(['pv-1', '1Gi', 'RWO', 'Delete', 'Bound', 'default/data-web-0', 'standard', '<unset>', '', '5m', 'Filesystem']);
    const pdb = toTable(res('policy', 'v1', 'poddisruptionbudgets'), [obj('PodDisruptionBudget', 'web', { spec: { minAvailable: 3 }, status: { disruptionsAllowed: 0 } })], { now: NOW });
    expect(cells(pdb)).toEqual(['web', '3', 'N/A', 0, '5m']);
    const ep = obj('Endpoints', 'web', {
      subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }, { ip: 'fd00::3' }, { ip: '10.0.0.4' }], ports: [{ port: 80 }] }],
    });
    expect(cells(toTable(res('', 'v1', 'endpoints'), [ep], { now: NOW }))).toEqual(['web', '10.0.0.1:80,10.0.0.2:80,[fd00::3]:80 + 1 more...', '5m']);
    expect(cells(toTable(res('', 'v1', 'endpoints'), [obj('Endpoints', 'none')], { now: NOW }))[1]).toBe('<none>');
    expect(cells(toTable(res('coordination.k8s.io', 'v1', 'leases'), [obj('Lease', 'node-1', { spec: { holderIdentity: 'node-1' } })], { now: NOW }))).toEqual(['node-1', 'node-1', '5m']);
  });
});

describe('column descriptions', () => {
  it('every printer column carries a description (kubectl compares definitions between watch events, T-10)', () => {
    const kinds: [string, string, string][] = [
      ['', 'v1', 'pods'], ['', 'v1', 'services'], ['', 'v1', 'events'], ['', 'v1', 'nodes'], ['', 'v1', 'persistentvolumes'],
      ['', 'v1', 'persistentvolumeclaims'], ['apps', 'v1', 'deployments'], ['apps', 'v1', 'replicasets'],
      ['autoscaling', 'v2', 'horizontalpodautoscalers'], ['rbac.authorization.k8s.io', 'v1', 'rolebindings'],
      ['rbac.authorization.k8s.io', 'v1', 'clusterrolebindings'], ['apps', 'v1', 'controllerrevisions'],
    ];
    for (const [g, v, r] of kinds) {
      for (const c of toTable(res(g, v, r), []).columnDefinitions!) expect(c.description, `${r} ${c.name}`).not.toBe('');
    }
  });
});
