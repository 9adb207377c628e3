import { describe, expect, it } from 'vitest';
import { isStatusError, newInvalid } from '../../api/errors';
import type { KubeObject } from '../../types';
import { findResource } from '../resources';
import { strategyFor } from '../strategy';
import { bindPod } from './pod';

const d = findResource('', 'v1', 'pods')!;
// A fixed random source makes the kube-api-access suffix deterministic.
const strategy = strategyFor(d, { random: () => 0 });

type Spec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixtures poke at arbitrary paths
type Pod = KubeObject & { spec: Spec; status?: Spec };

function pod(mutate: (p: Pod) => void = () => {}): Pod {
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-0', namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
  };
  mutate(p);
  return p;
}

function createMessage(mutate: (p: Pod) => void): string | undefined {
  const p = pod(mutate);
  strategy.prepareForCreate(p);
  const errs = strategy.validate(p);
  return errs.length ? newInvalid('Pod', '', p.metadata.name ?? '', errs).status.message : undefined;
}

describe('Pod defaulting and admission (D-10..D-24)', () => {
  it('adds pod-only defaults, the service account volume, tolerations and priority', () => {
    const p = pod((x) => (x.spec.containers[0].resources = { limits: { cpu: '1', memory: '512Mi' } }));
    strategy.prepareForCreate(p);
    expect(p.spec).toMatchObject({
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      enableServiceLinks: true,
      serviceAccountName: 'default',
      serviceAccount: 'default',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    });
    const c = p.spec.containers[0];
    expect(c.resources).toEqual({ limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '1', memory: '512Mi' } });
    expect(c.volumeMounts).toEqual([{ name: 'kube-api-access-bbbbb', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
    expect(p.spec.volumes[0].name).toBe('kube-api-access-bbbbb');
    expect(p.spec.volumes[0].projected.sources[0]).toEqual({ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } });
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
  });

  it('computes the QoS class', () => {
    const qos = (resources: unknown): string => {
      const p = pod((x) => (x.spec.containers[0].resources = resources));
      strategy.prepareForCreate(p);
      return p.status?.qosClass;
    };
    expect(qos(undefined)).toBe('BestEffort');
    expect(qos({ requests: { cpu: '100m' } })).toBe('Burstable');
    expect(qos({ limits: { cpu: '1', memory: '1Gi' } })).toBe('Guaranteed');
  });

  it('resolves system priority classes and refuses unknown ones', () => {
    const p = pod((x) => (x.spec.priorityClassName = 'system-cluster-critical'));
    strategy.prepareForCreate(p);
    expect(p.spec.priority).toBe(2000000000);
    expect(() => strategy.prepareForCreate(pod((x) => (x.spec.priorityClassName = 'gold')))).toThrow(
      'pods "web-0" is forbidden: no PriorityClass with name gold was found',
    );
  });

  it('respects automountServiceAccountToken: false and an explicit service account', () => {
    const p = pod((x) => {
      x.spec.automountServiceAccountToken = false;
      x.spec.serviceAccountName = 'builder';
    });
    strategy.prepareForCreate(p);
    expect(p.spec.volumes).toBeUndefined();
    expect(p.spec.serviceAccount).toBe('builder');
  });
});

describe('Pod validation messages', () => {
  const P = 'Pod "web-0" is invalid: ';
  it.each<[string, (p: Pod) => void, string]>([
    ['image required', (p) => delete p.spec.containers[0].image, `${P}spec.containers[0].image: Required value`],
    ['containers required', (p) => (p.spec.containers = []), `${P}spec.containers: Required value`],
    [
      'container name',
      (p) => (p.spec.containers[0].name = 'Nginx'),
      `${P}spec.containers[0].name: Invalid value: "Nginx": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ],
    [
      'duplicate container name',
      (p) => p.spec.containers.push({ name: 'nginx', image: 'x' }),
      `${P}spec.containers[1].name: Duplicate value: "nginx"`,
    ],
    [
      'port range',
      (p) => (p.spec.containers[0].ports = [{ containerPort: 70000 }]),
      `${P}spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive`,
    ],
    [
      'protocol',
      (p) => (p.spec.containers[0].ports = [{ containerPort: 80, protocol: 'HTTP' }]),
      `${P}spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"`,
    ],
    [
      'restartPolicy',
      (p) => (p.spec.restartPolicy = 'Sometimes'),
      `${P}spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"`,
    ],
    [
      'mount of an unknown volume',
      (p) => (p.spec.containers[0].volumeMounts = [{ name: 'data', mountPath: '/data' }]),
      `${P}spec.containers[0].volumeMounts[0].name: Not found: "data"`,
    ],
    [
      'request above limit',
      (p) => (p.spec.containers[0].resources = { requests: { cpu: '2' }, limits: { cpu: '1' } }),
      `${P}spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1`,
    ],
    [
      'label value',
      (p) => (p.metadata.labels = { 'controller-revision-hash': `web-${'x'.repeat(60)}` }),
      `${P}metadata.labels: Invalid value: "web-${'x'.repeat(60)}": must be no more than 63 characters`,
    ],
  ])('%s', (_name, mutate, message) => {
    expect(createMessage(mutate)).toBe(message);
  });

  it('a mount of a declared volume is fine', () => {
    expect(
      createMessage((p) => {
        p.spec.volumes = [{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } }];
        p.spec.containers[0].volumeMounts = [{ name: 'data', mountPath: '/data' }];
      }),
    ).toBeUndefined();
  });
});

describe('Pod updates', () => {
  function stored(): Pod {
    const p = pod();
    strategy.prepareForCreate(p);
    p.metadata = { ...p.metadata, uid: 'u', resourceVersion: '3', creationTimestamp: '2026-11-23T10:00:00Z' };
    return p;
  }
  function update(mutate: (p: Pod) => void): string | undefined {
    const old = stored();
    const p = JSON.parse(JSON.stringify(old)) as Pod;
    mutate(p);
    strategy.prepareForUpdate(p, old);
    const errs = strategy.validateUpdate(p, old);
    return errs.length ? newInvalid('Pod', '', 'web-0', errs).status.message : undefined;
  }

  it('allows image and label changes', () => {
    expect(update((p) => (p.spec.containers[0].image = 'nginx:1.28'))).toBeUndefined();
    expect(update((p) => (p.metadata.labels = { app: 'web', x: 'y' }))).toBeUndefined();
  });

  it('forbids other spec changes with the upstream message', () => {
    const msg = update((p) => (p.spec.containers[0].ports[0].containerPort = 81));
    expect(msg).toMatch(
      /^Pod "web-0" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,`spec.initContainers\[\*\].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` \(only additions to existing tolerations\),`spec.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n/,
    );
    expect(update((p) => p.spec.containers.push({ name: 'side', image: 'busybox' }))).toBe(
      'Pod "web-0" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers',
    );
  });

  it('status writes keep the spec', () => {
    const old = stored();
    const p = JSON.parse(JSON.stringify(old)) as Pod;
    p.spec.nodeName = 'sneaky';
    p.status = { phase: 'Running' };
    strategy.prepareForStatusUpdate(p, old);
    expect(p.spec.nodeName).toBeUndefined();
    expect(strategy.validateStatusUpdate(p, old)).toEqual([]);
  });

  it('binding sets nodeName once', () => {
    const bound = bindPod(stored(), 'node-1', '2026-11-23T10:00:01Z');
    expect(bound.spec).toMatchObject({ nodeName: 'node-1' });
    expect((bound.status as Spec).conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-11-23T10:00:01Z' }]);
    try {
      bindPod(bound, 'node-2', 'x');
      expect.unreachable();
    } catch (e) {
      expect(isStatusError(e) && e.status.message).toBe('Operation cannot be fulfilled on pods/binding "web-0": pod web-0 is already assigned to node "node-1"');
    }
  });
});
