// Table tests for the smaller strategies: what a client sees on create/update of each kind.
import { describe, expect, it } from 'vitest';
import { newInvalid } from '../../api/errors';
import type { KubeObject } from '../../types';
import { findResource, type ResourceDescriptor } from '../resources';
import { strategyFor } from '../strategy';
import { newServiceAllocator } from './service';

type Obj = KubeObject & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixtures poke at arbitrary paths

function res(group: string, version: string, resource: string): ResourceDescriptor {
  const d = findResource(group, version, resource);
  if (!d) throw new Error(`no ${resource}`);
  return d;
}

function create(d: ResourceDescriptor, obj: Obj, deps = {}): { obj: Obj; message?: string } {
  const s = strategyFor(d, deps);
  s.prepareForCreate(obj);
  const errs = s.validate(obj);
  return { obj, message: errs.length ? newInvalid(d.kind, d.group, obj.metadata.name ?? '', errs).status.message : undefined };
}

function update(d: ResourceDescriptor, old: Obj, mutate: (o: Obj) => void): { obj: Obj; message?: string } {
  const s = strategyFor(d);
  const obj = JSON.parse(JSON.stringify(old)) as Obj;
  mutate(obj);
  s.prepareForUpdate(obj, old);
  const errs = s.validateUpdate(obj, old);
  return { obj, message: errs.length ? newInvalid(d.kind, d.group, obj.metadata.name ?? '', errs).status.message : undefined };
}

describe('PersistentVolumeClaim', () => {
  const d = res('', 'v1', 'persistentvolumeclaims');
  const claim = (): Obj => ({ metadata: { name: 'www-web-0', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } } });

  it('defaults volumeMode and Pending, canonicalises storage', () => {
    const { obj, message } = create(d, claim());
    expect(message).toBeUndefined();
    expect(obj.spec.volumeMode).toBe('Filesystem');
    expect(obj.spec.resources.requests.storage).toBe('1Gi');
    expect(obj.status).toEqual({ phase: 'Pending' });
  });

  it('V-22 wording: access modes and storage are required', () => {
    expect(create(d, { metadata: { name: 'www-web-0', namespace: 'default' }, spec: {} }).message).toBe(
      'PersistentVolumeClaim "www-web-0" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]',
    );
  });

  it('spec is immutable except storage growth on bound claims', () => {
    const old = create(d, claim()).obj;
    old.status = { phase: 'Bound' };
    expect(update(d, old, (o) => (o.spec.resources.requests.storage = '2Gi')).message).toBeUndefined();
    expect(update(d, old, (o) => (o.spec.resources.requests.storage = '512Mi')).message).toContain(
      'spec.resources.requests.storage: Forbidden: field can not be less than previous value',
    );
    expect(update(d, old, (o) => (o.spec.accessModes = ['ReadWriteMany'])).message).toMatch(
      /^PersistentVolumeClaim "www-web-0" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests for bound claims\n/,
    );
    const pending = create(d, claim()).obj;
    expect(update(d, pending, (o) => (o.spec.volumeName = 'pv-1')).message).toBeUndefined();
  });
});

describe('Service', () => {
  const d = res('', 'v1', 'services');
  const svc = (spec: Record<string, unknown>, name = 'web'): Obj => ({ metadata: { name, namespace: 'default' }, spec });

  it('defaults and allocates a cluster IP from 10.96.0.0/12', () => {
    const { obj, message } = create(d, svc({ selector: { app: 'web' }, ports: [{ port: 80 }] }));
    expect(message).toBeUndefined();
    expect(obj.spec).toMatchObject({ type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    expect(obj.spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
    expect(obj.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(obj.spec.clusterIPs).toEqual([obj.spec.clusterIP]);
    expect(obj.status).toEqual({ loadBalancer: {} });
  });

  it('headless services keep None', () => {
    const { obj } = create(d, svc({ clusterIP: 'None', selector: { app: 'web' }, ports: [{ port: 80, name: 'web' }] }));
    expect(obj.spec).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'], ipFamilyPolicy: 'SingleStack' });
  });

  it('the allocator refuses taken and out-of-range IPs', () => {
    const existing = [svc({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'] }, 'kube-dns')];
    const deps = { serviceAllocator: newServiceAllocator(() => existing) };
    expect(() => create(d, svc({ clusterIP: '10.96.0.10', ports: [{ port: 53 }] }), deps)).toThrow(
      'Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    );
    expect(() => create(d, svc({ clusterIP: '192.168.0.1', ports: [{ port: 53 }] }), deps)).toThrow(
      'failed to allocate IP 192.168.0.1: provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
  });

  it('NodePort services get node ports', () => {
    const { obj } = create(d, svc({ type: 'NodePort', ports: [{ port: 80 }] }));
    expect(obj.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(obj.spec.externalTrafficPolicy).toBe('Cluster');
  });

  it('names are DNS-1035 labels; ports need names when there are several', () => {
    expect(create(d, svc({ ports: [{ port: 80 }] }, '1web')).message).toBe(
      `Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    );
    expect(create(d, svc({ ports: [{ port: 80 }, { port: 443, name: 'https' }] })).message).toBe('Service "web" is invalid: spec.ports[0].name: Required value');
  });

  it('updates keep the allocated IP and refuse changing it', () => {
    const old = create(d, svc({ ports: [{ port: 80 }] })).obj;
    const kept = update(d, old, (o) => {
      delete o.spec.clusterIP;
      delete o.spec.clusterIPs;
    });
    expect(kept.message).toBeUndefined();
    expect(kept.obj.spec.clusterIP).toBe(old.spec.clusterIP);
    expect(
      update(d, old, (o) => {
        o.spec.clusterIP = '10.96.0.99';
        o.spec.clusterIPs = ['10.96.0.99'];
      }).message,
    ).toBe('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set');
  });
});

describe('Namespace', () => {
  const d = res('', 'v1', 'namespaces');
  it('gets phase Active, the kubernetes finalizer and the name label', () => {
    const { obj, message } = create(d, { metadata: { name: 'team-a' } });
    expect(message).toBeUndefined();
    expect(obj.status).toEqual({ phase: 'Active' });
    expect(obj.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(obj.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
  });
  it('names are DNS labels', () => {
    expect(create(d, { metadata: { name: 'team.a' } }).message).toBe('Namespace "team.a" is invalid: metadata.name: Invalid value: "team.a": must not contain dots');
  });
});

describe('ConfigMap and Secret', () => {
  it('validates keys', () => {
    expect(create(res('', 'v1', 'configmaps'), { metadata: { name: 'cfg', namespace: 'default' }, data: { 'a b': '1' } }).message).toBe(
      `ConfigMap "cfg" is invalid: data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
  });
  it('immutable ConfigMaps refuse data changes', () => {
    const d = res('', 'v1', 'configmaps');
    const old = create(d, { metadata: { name: 'cfg', namespace: 'default' }, data: { a: '1' }, immutable: true }).obj;
    expect(update(d, old, (o) => (o.data = { a: '2' })).message).toBe('ConfigMap "cfg" is invalid: data: Forbidden: field is immutable when `immutable` is set');
  });
  it('Secret stringData becomes base64 data, type defaults to Opaque', () => {
    const { obj, message } = create(res('', 'v1', 'secrets'), { metadata: { name: 's', namespace: 'default' }, stringData: { password: 'hunter2' } });
    expect(message).toBeUndefined();
    expect(obj).toMatchObject({ type: 'Opaque', data: { password: 'aHVudGVyMg==' } });
    expect(obj.stringData).toBeUndefined();
  });
  it('typed secrets need their keys', () => {
    expect(create(res('', 'v1', 'secrets'), { metadata: { name: 'tls', namespace: 'default' }, type: 'kubernetes.io/tls', data: {} }).message).toBe(
      'Secret "tls" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]',
    );
  });
});

describe('ControllerRevision', () => {
  const d = res('apps', 'v1', 'controllerrevisions');
  it('requires data and keeps it immutable', () => {
    expect(create(d, { metadata: { name: 'web-1', namespace: 'default' }, revision: 1 }).message).toBe(
      'ControllerRevision.apps "web-1" is invalid: data: Required value: data is mandatory',
    );
    const old = create(d, { metadata: { name: 'web-1', namespace: 'default' }, data: { a: 1 }, revision: 1 }).obj;
    expect(update(d, old, (o) => (o.revision = 2)).message).toBeUndefined();
    expect(update(d, old, (o) => (o.data = { a: 2 })).message).toMatch(/^ControllerRevision.apps "web-1" is invalid: data: Invalid value: runtime.RawExtension\{Raw:\[\]uint8\{0x7b, .*: field is immutable$/);
  });
});

describe('Deployment and ReplicaSet', () => {
  const d = res('apps', 'v1', 'deployments');
  const deploy = (): Obj => ({
    metadata: { name: 'api', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'api:1' }] } } },
  });
  it('defaults the strategy and validates the pod template', () => {
    const { obj, message } = create(d, deploy());
    expect(message).toBeUndefined();
    expect(obj.spec).toMatchObject({ replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } } });
    const bad = deploy();
    delete bad.spec.template.spec.containers[0].image;
    expect(create(d, bad).message).toBe('Deployment.apps "api" is invalid: spec.template.spec.containers[0].image: Required value');
  });
  it('the selector is immutable', () => {
    const old = create(d, deploy()).obj;
    expect(
      update(d, old, (o) => {
        o.spec.selector.matchLabels.v = '2';
        o.spec.template.metadata.labels.v = '2';
      }).message,
    ).toBe(
      'Deployment.apps "api" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"api", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });
  it('ReplicaSets start with status.replicas 0', () => {
    const rs = deploy();
    expect(create(res('apps', 'v1', 'replicasets'), rs).obj.status).toEqual({ replicas: 0 });
  });
});

describe('RBAC', () => {
  it('validates rules and role refs', () => {
    expect(create(res('rbac.authorization.k8s.io', 'v1', 'roles'), { metadata: { name: 'r', namespace: 'default' }, rules: [{ resources: ['pods'] }] }).message).toBe(
      'Role.rbac.authorization.k8s.io "r" is invalid: [rules[0].verbs: Required value: verbs must contain at least one value, rules[0].apiGroups: Required value: resource rules must supply at least one api group]',
    );
    const d = res('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings');
    const { obj, message } = create(d, { metadata: { name: 'b' }, roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'bob' }] });
    expect(message).toBeUndefined();
    expect(obj.roleRef.apiGroup).toBe('rbac.authorization.k8s.io');
    expect(obj.subjects[0].apiGroup).toBe('rbac.authorization.k8s.io');
    expect(update(d, obj, (o) => (o.roleRef.name = 'edit')).message).toBe(
      'ClusterRoleBinding.rbac.authorization.k8s.io "b" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
    );
  });
});

describe('generic strategy', () => {
  it('validates ObjectMeta with DNS subdomain names and labels', () => {
    const d = res('coordination.k8s.io', 'v1', 'leases');
    expect(create(d, { metadata: { name: 'Lease', namespace: 'default' } }).message).toBe(
      `Lease.coordination.k8s.io "Lease" is invalid: metadata.name: Invalid value: "Lease": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
    expect(create(d, { metadata: { name: 'l', namespace: 'default', labels: { 'a/b/c': 'x' } } }).message).toBe(
      `Lease.coordination.k8s.io "l" is invalid: metadata.labels: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    );
  });
  it('refuses new finalizers on an object being deleted', () => {
    const d = res('', 'v1', 'configmaps');
    const old: Obj = { metadata: { name: 'c', namespace: 'default', deletionTimestamp: '2026-11-23T10:00:00Z', finalizers: ['a.io/x'] } };
    expect(update(d, old, (o) => o.metadata.finalizers?.push('b.io/y')).message).toBe(
      'ConfigMap "c" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b.io/y"}',
    );
  });
});

describe('PodDisruptionBudget', () => {
  const d = res('policy', 'v1', 'poddisruptionbudgets');
  it('starts with the four counters and refuses both bounds', () => {
    const { obj, message } = create(d, { metadata: { name: 'pdb', namespace: 'default' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } });
    expect(message).toBeUndefined();
    expect(obj.status).toEqual({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
    expect(create(d, { metadata: { name: 'pdb', namespace: 'default' }, spec: { minAvailable: 1, maxUnavailable: '150%' } }).message).toBe(
      'PodDisruptionBudget.policy "pdb" is invalid: [spec: Invalid value: policy.PodDisruptionBudgetSpec{…}: minAvailable and maxUnavailable cannot be both set, spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%]',
    );
  });
});

describe('strategyFor covers every stored resource', () => {
  it('bare objects never crash defaulting or validation', async () => {
    const { RESOURCES } = await import('../resources');
    for (const d of RESOURCES.filter((r) => r.stored)) {
      const s = strategyFor(d);
      const obj: Obj = { apiVersion: d.group ? `${d.group}/${d.version}` : d.version, kind: d.kind, metadata: { name: 'x', ...(d.namespaced ? { namespace: 'default' } : {}) } };
      s.prepareForCreate(obj);
      const errs = s.validate(obj);
      expect(Array.isArray(errs), d.resource).toBe(true);
      const next = JSON.parse(JSON.stringify(obj)) as Obj;
      s.prepareForUpdate(next, obj);
      expect(s.validateUpdate(next, obj).filter((e) => e.type === 'FieldValueForbidden' && e.field === 'spec'), d.resource).toEqual([]);
      s.prepareForStatusUpdate(next, obj);
      expect(Array.isArray(s.validateStatusUpdate(next, obj))).toBe(true);
    }
  });
});
