import { describe, expect, it } from 'vitest';
import { newInvalid } from '../../api/errors';
import type { KubeObject } from '../../types';
import { findResource } from '../resources';
import { strategyFor } from '../strategy';

const d = findResource('apps', 'v1', 'statefulsets')!;
const strategy = strategyFor(d);

function web(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      serviceName: 'nginx',
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24', ports: [{ containerPort: 80, name: 'web' }] }] },
      },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  };
}

type Spec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test fixtures poke at arbitrary paths

function created(mutate: (o: KubeObject & { spec: Spec }) => void = () => {}): KubeObject & { spec: Spec } {
  const o = web() as KubeObject & { spec: Spec };
  mutate(o);
  strategy.prepareForCreate(o);
  return o;
}

/** The Status message a client would see for a create. */
function createMessage(mutate: (o: KubeObject & { spec: Spec }) => void): string | undefined {
  const o = created(mutate);
  const errs = strategy.validate(o);
  return errs.length ? newInvalid('StatefulSet', 'apps', o.metadata.name ?? '', errs).status.message : undefined;
}

describe('StatefulSet defaulting (semantics §1)', () => {
  it('a string where an int32 belongs is a decode error, like Go', () => {
    expect(() => created((s) => (s.spec.replicas = '3'))).toThrow(
      'StatefulSet in version "v1" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32',
    );
    expect(() => created((s) => (s.spec.updateStrategy = { rollingUpdate: { partition: 1.5 } }))).toThrow(
      'json: cannot unmarshal number 1.5 into Go struct field RollingUpdateStatefulSetStrategy.spec.updateStrategy.rollingUpdate.partition of type int32',
    );
  });

  it('fills D-1..D-9 and the template defaults', () => {
    const o = created((s) => {
      delete s.spec.replicas;
      delete s.spec.serviceName;
    });
    expect(o.spec.replicas).toBe(1);
    expect(o.spec.podManagementPolicy).toBe('OrderedReady');
    expect(o.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(o.spec.revisionHistoryLimit).toBe(10);
    expect(o.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(o.spec.serviceName).toBe('');
    const pod = o.spec.template.spec;
    expect(pod).toMatchObject({ dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' });
    expect(pod.containers[0]).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      resources: {},
      ports: [{ containerPort: 80, name: 'web', protocol: 'TCP' }],
    });
    // D-24 defaults belong to Pods only.
    expect(pod.enableServiceLinks).toBeUndefined();
    expect(pod.tolerations).toBeUndefined();
  });

  it('D-4: an explicit RollingUpdate without rollingUpdate keeps it absent', () => {
    const o = created((s) => (s.spec.updateStrategy = { type: 'RollingUpdate' }));
    expect(o.spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
  });

  it('D-5: partition is filled into a present rollingUpdate', () => {
    const o = created((s) => (s.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: {} }));
    expect(o.spec.updateStrategy.rollingUpdate).toEqual({ partition: 0 });
  });

  it('D-6: maxUnavailable is dropped on create and on update unless already stored', () => {
    const o = created((s) => (s.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 1, maxUnavailable: 2 } }));
    expect(o.spec.updateStrategy.rollingUpdate).toEqual({ partition: 1 });
    const stored = { ...created(), metadata: { name: 'web', namespace: 'default', generation: 1 } } as KubeObject & { spec: Spec };
    stored.spec.updateStrategy.rollingUpdate.maxUnavailable = 1;
    const upd = JSON.parse(JSON.stringify(stored)) as KubeObject & { spec: Spec };
    upd.spec.updateStrategy.rollingUpdate.maxUnavailable = 3;
    strategy.prepareForUpdate(upd, stored);
    expect(upd.spec.updateStrategy.rollingUpdate.maxUnavailable).toBe(3);
  });

  it('D-8: each empty retention member is filled separately', () => {
    const o = created((s) => (s.spec.persistentVolumeClaimRetentionPolicy = { whenScaled: 'Delete' }));
    expect(o.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Delete' });
  });

  it('D-22: imagePullPolicy follows the tag', () => {
    const policy = (image: string): string => created((s) => (s.spec.template.spec.containers[0].image = image)).spec.template.spec.containers[0].imagePullPolicy;
    for (const img of ['nginx', 'nginx:latest', 'localhost:5000/app', `nginx:latest@sha256:${'a'.repeat(64)}`]) expect(policy(img)).toBe('Always');
    for (const img of ['nginx:1.27', `nginx@sha256:${'a'.repeat(64)}`, 'registry.k8s.io/nginx-slim:0.24', 'Not_A/Ref']) expect(policy(img)).toBe('IfNotPresent');
  });

  it('D-17/D-18/D-21: probes and quantities', () => {
    const o = created((s) => {
      const c = s.spec.template.spec.containers[0];
      c.readinessProbe = { httpGet: { port: 80 } };
      c.livenessProbe = { grpc: { port: 9000 }, periodSeconds: 5 };
      c.resources = { limits: { cpu: '0.5', memory: '1024Mi' }, requests: { cpu: '1000m' } };
    });
    const c = o.spec.template.spec.containers[0];
    expect(c.readinessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.livenessProbe).toMatchObject({ grpc: { port: 9000, service: '' }, periodSeconds: 5 });
    expect(c.resources).toEqual({ limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '1' } });
  });

  it('D-23: claim templates are defaulted as PVCs', () => {
    const o = created();
    expect(o.spec.volumeClaimTemplates[0]).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'www', creationTimestamp: null },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
  });

  it('D-25: create discards the client status', () => {
    const o = created((s) => (s.status = { replicas: 7, readyReplicas: 7 }));
    expect(o.status).toEqual({ replicas: 0, availableReplicas: 0 });
  });

  it('a malformed quantity is a 400 decode error', () => {
    try {
      created((s) => (s.spec.template.spec.containers[0].resources = { limits: { cpu: 'lots' } }));
      expect.unreachable();
    } catch (e) {
      expect((e as { status: { code: number; message: string } }).status).toMatchObject({
        code: 400,
        message: `StatefulSet in version "v1" cannot be handled as a StatefulSet: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
      });
    }
  });
});

const P = 'StatefulSet.apps "web" is invalid: ';
const LABEL_RULE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

describe('StatefulSet validation on create (semantics §2.2)', () => {
  const long = 'a'.repeat(64);
  const cases: [string, (o: KubeObject & { spec: Spec }) => void, string][] = [
    ['V-1', (o) => (o.metadata.name = ''), 'StatefulSet.apps "" is invalid: metadata.name: Required value: name or generateName is required'],
    ['V-2', (o) => (o.metadata.name = 'Web_1'), `StatefulSet.apps "Web_1" is invalid: metadata.name: Invalid value: "Web_1": ${LABEL_RULE}`],
    ['V-3', (o) => (o.metadata.name = 'web.v1'), 'StatefulSet.apps "web.v1" is invalid: metadata.name: Invalid value: "web.v1": must not contain dots'],
    ['V-4', (o) => (o.metadata.name = long), `StatefulSet.apps "${long}" is invalid: metadata.name: Invalid value: "${long}": must be no more than 63 characters`],
    ['V-5', (o) => (o.spec.podManagementPolicy = 'Burst'), `${P}spec.podManagementPolicy: Invalid value: "Burst": must be 'OrderedReady' or 'Parallel'`],
    [
      'V-6',
      (o) => (o.spec.updateStrategy = { type: 'Canary' }),
      `${P}spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:"Canary", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be 'RollingUpdate' or 'OnDelete'`,
    ],
    [
      'V-7',
      (o) => (o.spec.updateStrategy = { type: 'OnDelete', rollingUpdate: { partition: 0 } }),
      `${P}spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:0, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'`,
    ],
    [
      'V-8',
      (o) => (o.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: -1 } }),
      `${P}spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0`,
    ],
    [
      'V-10',
      (o) => (o.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Keep' }),
      `${P}spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"`,
    ],
    ['V-11', (o) => (o.spec.replicas = -1), `${P}spec.replicas: Invalid value: -1: must be greater than or equal to 0`],
    ['V-12', (o) => (o.spec.minReadySeconds = -5), `${P}spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0`],
    ['V-13', (o) => (o.spec.ordinals = { start: -1 }), `${P}spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0`],
    [
      'V-14',
      (o) => delete o.spec.selector,
      `${P}[spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: \`selector\` does not match template \`labels\`]`,
    ],
    [
      'V-15',
      (o) => (o.spec.selector = {}),
      `${P}spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset`,
    ],
    [
      'V-16',
      (o) => (o.spec.selector = { matchExpressions: [{ key: 'app', operator: 'Near', values: ['web'] }] }),
      `${P}[spec.selector.matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator, spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"Near", Values:[]string{"web"}}}}]`,
    ],
    [
      'V-17',
      (o) => (o.spec.selector = { matchLabels: { app: 'db' } }),
      `${P}spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: \`selector\` does not match template \`labels\``,
    ],
    [
      'V-18',
      (o) => (o.spec.template.metadata.annotations = { 'bad key!': 'x' }),
      `${P}spec.template.annotations: Invalid value: "bad key!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ],
    ['V-19', (o) => (o.spec.template.spec.restartPolicy = 'OnFailure'), `${P}spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"`],
    [
      'V-20',
      (o) => (o.spec.template.spec.activeDeadlineSeconds = 10),
      `${P}spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported`,
    ],
  ];
  it.each(cases)('%s', (_rule, mutate, message) => {
    expect(createMessage(mutate)).toBe(message);
  });

  it('V-9: maxUnavailable never survives create (the gate is off)', () => {
    expect(createMessage((o) => (o.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } }))).toBeUndefined();
  });

  it('V-22: the pod template spec and claim templates are not validated', () => {
    expect(
      createMessage((o) => {
        delete o.spec.template.spec.containers[0].image;
        delete o.spec.volumeClaimTemplates[0].spec.accessModes;
        o.spec.revisionHistoryLimit = -3;
      }),
    ).toBeUndefined();
  });

  it('V-23: a long name is accepted', () => {
    expect(createMessage((o) => (o.metadata.name = 'a'.repeat(60)))).toBeUndefined();
  });

  it('§2.3: the 422 body for two errors', () => {
    const o = created((s) => {
      s.spec.replicas = -1;
      s.spec.template.spec.restartPolicy = 'Never';
    });
    const status = newInvalid('StatefulSet', 'apps', 'web', strategy.validate(o)).status;
    expect(JSON.stringify(status)).toBe(
      JSON.stringify({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'StatefulSet.apps "web" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"]',
        reason: 'Invalid',
        details: {
          name: 'web',
          group: 'apps',
          kind: 'StatefulSet',
          causes: [
            { reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' },
            { reason: 'FieldValueNotSupported', message: 'Unsupported value: "Never": supported values: "Always"', field: 'spec.template.spec.restartPolicy' },
          ],
        },
        code: 422,
      }),
    );
  });
});

function stored(): KubeObject & { spec: Spec } {
  const o = created();
  o.metadata = { ...o.metadata, uid: 'u-1', generation: 1, resourceVersion: '5', creationTimestamp: '2026-11-23T10:00:00Z' };
  o.status = { replicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 };
  return o;
}

function updated(mutate: (o: KubeObject & { spec: Spec }) => void): { obj: KubeObject & { spec: Spec }; message?: string } {
  const old = stored();
  const obj = JSON.parse(JSON.stringify(old)) as KubeObject & { spec: Spec };
  mutate(obj);
  strategy.prepareForUpdate(obj, old);
  const errs = strategy.validateUpdate(obj, old);
  return { obj, message: errs.length ? newInvalid('StatefulSet', 'apps', 'web', errs).status.message : undefined };
}

const V21 =
  "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

describe('StatefulSet update (V-21, D-26)', () => {
  it.each<[string, (o: KubeObject & { spec: Spec }) => void]>([
    ['serviceName', (o) => (o.spec.serviceName = 'other')],
    ['selector', (o) => (o.spec.selector.matchLabels.tier = 'x')],
    ['volumeClaimTemplates', (o) => (o.spec.volumeClaimTemplates[0].spec.resources.requests.storage = '2Gi')],
    ['podManagementPolicy', (o) => (o.spec.podManagementPolicy = 'Parallel')],
    ['revisionHistoryLimit', (o) => (o.spec.revisionHistoryLimit = 3)],
  ])('changing %s is forbidden', (_f, mutate) => {
    expect(updated(mutate).message).toContain(V21);
  });

  it.each<[string, (o: KubeObject & { spec: Spec }) => void]>([
    ['replicas', (o) => (o.spec.replicas = 5)],
    ['template', (o) => (o.spec.template.spec.containers[0].image = 'nginx:1.28')],
    ['updateStrategy', (o) => (o.spec.updateStrategy = { type: 'OnDelete' })],
    ['minReadySeconds', (o) => (o.spec.minReadySeconds = 3)],
    ['ordinals', (o) => (o.spec.ordinals = { start: 2 })],
    ['persistentVolumeClaimRetentionPolicy', (o) => (o.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete', whenScaled: 'Retain' })],
  ])('changing %s is allowed and bumps generation once', (_f, mutate) => {
    const { obj, message } = updated(mutate);
    expect(message).toBeUndefined();
    expect(obj.metadata.generation).toBe(2);
  });

  it.each<[unknown, string]>([
    [0, 'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: cannot be 0'],
    ['150%', 'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%'],
    [
      'half',
      `[spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"half"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%'), spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"half"}: cannot be 0]`,
    ],
  ])('V-9: maxUnavailable %j kept from storage is validated', (value, text) => {
    const old = stored();
    old.spec.updateStrategy.rollingUpdate.maxUnavailable = 1;
    const obj = JSON.parse(JSON.stringify(old)) as KubeObject & { spec: Spec };
    obj.spec.updateStrategy.rollingUpdate.maxUnavailable = value;
    strategy.prepareForUpdate(obj, old);
    expect(newInvalid('StatefulSet', 'apps', 'web', strategy.validateUpdate(obj, old)).status.message).toBe(`${P}${text}`);
  });

  it('the classic OnDelete patch without rollingUpdate: null fails with V-7', () => {
    const { message } = updated((o) => (o.spec.updateStrategy.type = 'OnDelete'));
    expect(message).toBe(
      `${P}spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:0, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'`,
    );
  });

  it('labels-only edits and identical writes keep generation; status comes from storage', () => {
    const { obj, message } = updated((o) => {
      o.metadata.labels = { team: 'a' };
      o.status = { replicas: 99 };
    });
    expect(message).toBeUndefined();
    expect(obj.metadata.generation).toBe(1);
    expect(obj.status).toEqual({ replicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  });

  it('name is not re-validated on update but stays immutable', () => {
    expect(updated((o) => (o.metadata.uid = 'other')).message).toBe(`${P}metadata.uid: Invalid value: "other": field is immutable`);
  });
});

describe('StatefulSet status subresource (D-27, V-24)', () => {
  function statusWrite(status: Record<string, unknown>, mutate: (o: KubeObject & { spec: Spec }) => void = () => {}) {
    const old = stored();
    old.status = { ...(old.status as object), collisionCount: 2 };
    const obj = JSON.parse(JSON.stringify(old)) as KubeObject & { spec: Spec };
    obj.status = status;
    mutate(obj);
    strategy.prepareForStatusUpdate(obj, old);
    const errs = strategy.validateStatusUpdate(obj, old);
    return { obj, old, message: errs.length ? newInvalid('StatefulSet', 'apps', 'web', errs).status.message : undefined };
  }

  it('keeps spec, labels and generation from storage', () => {
    const { obj, old, message } = statusWrite({ replicas: 3, readyReplicas: 2, collisionCount: 2 }, (o) => {
      o.spec.replicas = 10;
      o.metadata.labels = { sneaky: 'yes' };
    });
    expect(message).toBeUndefined();
    expect(obj.spec).toEqual(old.spec);
    expect(obj.metadata.labels).toBeUndefined();
    expect(obj.metadata.generation).toBe(1);
    // Go always serializes availableReplicas, so the stored status carries it as 0.
    expect(obj.status).toEqual({ replicas: 3, readyReplicas: 2, collisionCount: 2, availableReplicas: 0 });
  });

  it.each<[Record<string, unknown>, string]>([
    [
      { replicas: -1, collisionCount: 2 },
      // Upstream also compares the zero counters against -1.
      '[status.replicas: Invalid value: -1: must be greater than or equal to 0, status.readyReplicas: Invalid value: 0: cannot be greater than status.replicas, status.currentReplicas: Invalid value: 0: cannot be greater than status.replicas, status.updatedReplicas: Invalid value: 0: cannot be greater than status.replicas, status.availableReplicas: Invalid value: 0: cannot be greater than status.replicas]',
    ],
    [{ replicas: 1, readyReplicas: 2, availableReplicas: 0, collisionCount: 2 }, 'status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas'],
    [{ replicas: 3, readyReplicas: 1, availableReplicas: 2, collisionCount: 2 }, 'status.availableReplicas: Invalid value: 2: cannot be greater than status.readyReplicas'],
    [{ replicas: 3, collisionCount: 1 }, 'status.collisionCount: Invalid value: 1: cannot be decremented'],
    [{ replicas: 3, observedGeneration: -2, collisionCount: 2 }, 'status.observedGeneration: Invalid value: -2: must be greater than or equal to 0'],
  ])('%j → %s', (status, text) => {
    expect(statusWrite(status).message).toBe(`${P}${text}`);
  });
});
