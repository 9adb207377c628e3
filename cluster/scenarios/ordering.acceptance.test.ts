// statefulset-semantics.md §10.2, ordering scenarios (T-01, T-03…T-11, T-28) against
// `ordinal cluster --speed 20`, driven by kubectl; readiness only through sim.ordinal/ready (T-0).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioCluster, isReady, names, sleep, statefulSetYaml, until, type Obj, type PodObj } from './harness';

const c = new ScenarioCluster();

beforeAll(async () => {
  await c.start();
}, 60_000);

afterAll(async () => {
  await c.stop();
  c.cleanup();
});

const unready = (ns: string, ...pods: string[]) => c.k(ns, 'annotate', 'pod', ...pods, 'sim.ordinal/ready=false', '--overwrite');
const ready = (ns: string, ...pods: string[]) => c.k(ns, 'annotate', 'pod', ...pods, 'sim.ordinal/ready-');
const readyCount = async (ns: string) => (await c.set(ns)).status?.readyReplicas ?? 0;

describe('§10.2 ordering scenarios', () => {
  it('T-01…T-04: ordered creation, claims first, defaults, pod identity and the first revision', async () => {
    await c.namespace('t01');
    const rec = await c.recordPods('t01');
    await c.apply('t01', statefulSetYaml());
    const set = await c.settled('t01', 3);
    rec.stop();
    // T-01: strictly one at a time, each after the previous is Running+Ready.
    expect(rec.order('ADDED')).toEqual(['web-0', 'web-1', 'web-2']);
    const added = rec.events.filter((e) => e.type === 'ADDED');
    expect(added[1].readyBefore).toEqual(['web-0']);
    expect(added[2].readyBefore).toEqual(['web-0', 'web-1']);
    const ev = await c.k('t01', 'get', 'events', '--field-selector', 'involvedObject.kind=StatefulSet', '-o', 'jsonpath={range .items[*]}{.message}{"\\n"}{end}');
    expect(ev.trim().split('\n')).toEqual([0, 1, 2].flatMap((i) => [`create Claim www-web-${i} Pod web-${i} in StatefulSet web success`, `create Pod web-${i} in StatefulSet web successful`]));
    // T-04: one revision, web-<hash>, hash label, revision 1, pods labelled with its name.
    const revs = (await c.json<{ items: (Obj & { revision: number })[] }>('t01', 'controllerrevisions')).items;
    expect(revs).toHaveLength(1);
    const rev = revs[0];
    const hash = rev.metadata.labels?.['controller.kubernetes.io/hash'] ?? '';
    expect(rev.metadata.name).toBe(`web-${hash}`);
    expect(hash).toMatch(/^[0-9a-z]{6,10}$/);
    expect(rev.revision).toBe(1);
    expect(set.status?.currentRevision).toBe(rev.metadata.name);
    // T-03: identity of web-1 exactly as I-3.
    const pod = await c.json<PodObj>('t01', 'pod', 'web-1');
    expect(pod.metadata.labels).toEqual({ app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1', 'controller-revision-hash': rev.metadata.name });
    expect(pod.metadata.generateName).toBe('web-');
    expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: set.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(pod.spec.hostname).toBe('web-1');
    expect(pod.spec.subdomain).toBe('web-svc');
    expect(pod.spec.volumes?.[0]).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } });
    // T-02: defaults (D-1…D-23), generation 1, settled status (S-12), `get sts` 3/3.
    type Spec = Record<string, unknown> & { template: { spec: Record<string, unknown> & { containers: Record<string, unknown>[] } }; volumeClaimTemplates: Record<string, unknown>[] };
    const spec = set.spec as Spec;
    expect(spec).toMatchObject({ podManagementPolicy: 'OrderedReady', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, revisionHistoryLimit: 10, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' } });
    expect(spec.template.spec).toMatchObject({ dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' });
    expect(spec.template.spec.containers[0]).toMatchObject({ imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', ports: [{ containerPort: 80, name: 'web', protocol: 'TCP' }] });
    expect(spec.volumeClaimTemplates[0]).toMatchObject({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } });
    expect(spec.volumeClaimTemplates[0]).not.toHaveProperty('spec.storageClassName');
    expect(set.metadata.generation).toBe(1);
    expect(set.status).toEqual({ replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 3, updatedReplicas: 3, currentRevision: rev.metadata.name, updateRevision: rev.metadata.name, observedGeneration: 1, collisionCount: 0 });
    expect(await c.k('t01', 'get', 'sts')).toMatch(/^NAME\s+READY\s+AGE\nweb\s+3\/3\s+\d+s\n$/);
    const pvc = await c.json<Obj>('t01', 'pvc', 'www-web-1');
    expect(pvc.metadata.labels).toEqual({ app: 'web' });
    expect(pvc.metadata.ownerReferences).toBeUndefined();
  }, 60_000);

  it('T-21: immutable fields are refused with the V-21 text', async () => {
    await c.namespace('t21');
    await c.apply('t21', statefulSetYaml({ replicas: 0 }));
    const forbidden = "The StatefulSet \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
    const patches = [
      '{"spec":{"serviceName":"other"}}',
      '{"spec":{"selector":{"matchLabels":{"app":"web","x":"y"}},"template":{"metadata":{"labels":{"app":"web","x":"y"}}}}}',
      '{"spec":{"volumeClaimTemplates":[{"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"2Gi"}}}}]}}',
      '{"spec":{"podManagementPolicy":"Parallel"}}',
      '{"spec":{"revisionHistoryLimit":3}}',
    ];
    for (const p of patches) {
      const r = await c.kn('t21', 'patch', 'sts', 'web', '--type=merge', '-p', p);
      expect(r.code, p).toBe(1);
      expect(r.stderr.trim(), p).toBe(forbidden);
    }
    expect((await c.set('t21')).metadata.generation).toBe(1);
  }, 60_000);

  it('T-05: scale 3 → 5 → 2 one pod at a time, claims remain', async () => {
    await c.namespace('t05');
    await c.apply('t05', statefulSetYaml());
    await c.settled('t05', 3);
    const rec = await c.recordPods('t05');
    expect((await c.k('t05', 'scale', 'sts/web', '--replicas=5')).trim()).toBe('statefulset.apps/web scaled');
    await c.settled('t05', 5);
    expect(rec.order('ADDED')).toEqual(['web-3', 'web-4']);
    expect(rec.events.find((e) => e.type === 'ADDED' && e.name === 'web-4')?.readyBefore).toContain('web-3');
    await c.k('t05', 'scale', 'sts/web', '--replicas=2');
    await c.settled('t05', 2);
    rec.stop();
    expect(rec.deletionOrder()).toEqual(['web-4', 'web-3', 'web-2']);
    // Each deletion starts only after the previous pod has disappeared.
    const firstMark = (n: string) => rec.events.findIndex((e) => e.name === n && !!e.pod.metadata.deletionTimestamp);
    const gone = (n: string) => rec.events.findIndex((e) => e.name === n && e.type === 'DELETED');
    expect(gone('web-4')).toBeLessThan(firstMark('web-3'));
    expect(gone('web-3')).toBeLessThan(firstMark('web-2'));
    expect((await c.claims('t05')).map((p) => p.metadata.name).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `www-web-${i}`));
  }, 60_000);

  it('T-06: scale-up halts on an unready pod and rollout status keeps waiting', async () => {
    await c.namespace('t06');
    await c.apply('t06', statefulSetYaml({ replicas: 1 }));
    await c.settled('t06', 1);
    await unready('t06', 'web-0');
    await until('web-0 unready', async () => (await readyCount('t06')) === 0);
    await c.k('t06', 'scale', 'sts/web', '--replicas=3');
    const status = c.kubectlStream(['rollout', 'status', 'sts/web', '-n', 't06']);
    await sleep(1500);
    expect(names(await c.pods('t06'))).toEqual(['web-0']);
    expect(await c.k('t06', 'get', 'pods', '--no-headers')).toMatch(/^web-0\s+0\/1\s+Running\s+0\s+\d+s\n$/);
    expect(status.out()).toContain('Waiting for 3 pods to be ready...');
    const rec = await c.recordPods('t06');
    await ready('t06', 'web-0');
    await c.settled('t06', 3);
    const done = await status.stop();
    rec.stop();
    expect(rec.order('ADDED')).toEqual(['web-1', 'web-2']);
    expect(done.stdout).toContain('partitioned roll out complete: 3 new pods have been updated...');
  }, 60_000);

  it('T-07: scale-down halts on unready pods; the first unhealthy pod may go', async () => {
    await c.namespace('t07');
    await c.apply('t07', statefulSetYaml({ claims: false }));
    await c.settled('t07', 3);
    await unready('t07', 'web-0', 'web-1', 'web-2');
    await until('all unready', async () => (await readyCount('t07')) === 0);
    const rec = await c.recordPods('t07');
    await c.k('t07', 'scale', 'sts/web', '--replicas=0');
    await sleep(1500);
    expect(rec.deletionOrder()).toEqual([]);
    await ready('t07', 'web-0', 'web-1', 'web-2');
    await until('all gone', async () => ((await c.pods('t07')).length === 0 ? true : undefined));
    rec.stop();
    expect(rec.deletionOrder()).toEqual(['web-2', 'web-1', 'web-0']);

    // Variants: only web-0 unready — 3 → 1 deletes nothing (C-17), 3 → 0 proceeds to the end.
    await c.k('t07', 'scale', 'sts/web', '--replicas=3');
    await c.settled('t07', 3);
    await unready('t07', 'web-0');
    await until('web-0 unready', async () => (await readyCount('t07')) === 2);
    const rec2 = await c.recordPods('t07');
    await c.k('t07', 'scale', 'sts/web', '--replicas=1');
    await sleep(1500);
    expect(rec2.deletionOrder()).toEqual([]);
    await c.k('t07', 'scale', 'sts/web', '--replicas=0');
    await until('all gone', async () => ((await c.pods('t07')).length === 0 ? true : undefined));
    rec2.stop();
    expect(rec2.deletionOrder()).toEqual(['web-2', 'web-1', 'web-0']);
  }, 60_000);

  it('T-08: Parallel creates and deletes in bursts regardless of readiness', async () => {
    await c.namespace('t08');
    await c.apply('t08', statefulSetYaml({ replicas: 1, parallel: true, claims: false }));
    await c.settled('t08', 1);
    await unready('t08', 'web-0');
    await until('web-0 unready', async () => (await readyCount('t08')) === 0);
    const rec = await c.recordPods('t08');
    await c.k('t08', 'scale', 'sts/web', '--replicas=3');
    await until('3 pods', async () => ((await c.pods('t08')).length === 3 ? true : undefined));
    expect(rec.order('ADDED').sort()).toEqual(['web-1', 'web-2']);
    // web-2 was created before web-1 was Ready (same round).
    expect(rec.events.filter((e) => e.type === 'ADDED').every((e) => !e.readyBefore.includes('web-1') && !e.readyBefore.includes('web-2'))).toBe(true);
    await until('web-1 and web-2 exist and are running', async () => ((await c.pods('t08')).filter((p) => p.status?.phase === 'Running').length === 3 ? true : undefined));
    await unready('t08', 'web-0', 'web-1', 'web-2');
    await until('all unready', async () => (await c.pods('t08')).every((p) => !isReady(p)));
    const rec2 = await c.recordPods('t08');
    await c.k('t08', 'scale', 'sts/web', '--replicas=0');
    await until('all gone', async () => ((await c.pods('t08')).length === 0 ? true : undefined));
    rec2.stop();
    expect(rec2.deletionOrder().sort()).toEqual(['web-0', 'web-1', 'web-2']);
    const firstGone = rec2.events.findIndex((e) => e.type === 'DELETED');
    const marked = new Set(rec2.events.slice(0, firstGone).filter((e) => e.pod.metadata.deletionTimestamp).map((e) => e.name));
    expect([...marked].sort()).toEqual(['web-0', 'web-1', 'web-2']);
  }, 60_000);

  it('T-09/T-10: deleting web-0 while web-1 is unready recreates it with the same claim; SuccessfulCreate counts up', async () => {
    await c.namespace('t09');
    await c.apply('t09', statefulSetYaml());
    await c.settled('t09', 3);
    const claimUid = (await c.json<Obj>('t09', 'pvc', 'www-web-0')).metadata.uid;
    const old = await c.json<PodObj>('t09', 'pod', 'web-0');
    await unready('t09', 'web-1');
    await until('web-1 unready', async () => (await readyCount('t09')) === 2);
    const del = await c.kn('t09', 'delete', 'pod', 'web-0');
    if (del.code !== 0) throw new Error(`kubectl delete pod: exit ${del.code}: ${del.stderr.split('\n').slice(-12).join('\n')}`);
    expect(del.stdout.trim()).toBe('pod "web-0" deleted');
    const fresh = await until('web-0 back and ready', async () => {
      const p = (await c.pods('t09')).find((x) => x.metadata.name === 'web-0');
      return p && p.metadata.uid !== old.metadata.uid && isReady(p) ? p : undefined;
    });
    expect(fresh.spec.volumes?.[0]).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } });
    expect((await c.json<Obj>('t09', 'pvc', 'www-web-0')).metadata.uid).toBe(claimUid);
    const counted = await c.k('t09', 'get', 'events', '--field-selector', 'reason=SuccessfulCreate,involvedObject.kind=StatefulSet', '-o', 'jsonpath={range .items[*]}{.count} {.message}{"\\n"}{end}');
    expect(counted).toContain('2 create Pod web-0 in StatefulSet web successful');
    expect(counted).toContain('1 create Claim www-web-0 Pod web-0 in StatefulSet web success');
  }, 60_000);

  it('T-11: a pod failed by the kubelet is deleted and recreated under the same name', async () => {
    await c.namespace('t11');
    await c.apply('t11', statefulSetYaml({ replicas: 1 }));
    await c.settled('t11', 1);
    const old = await c.json<PodObj>('t11', 'pod', 'web-0');
    const rec = await c.recordPods('t11');
    await c.k('t11', 'annotate', 'pod', 'web-0', 'sim.ordinal/fail=Evicted');
    await until('replacement ready', async () => {
      const p = (await c.pods('t11')).find((x) => x.metadata.name === 'web-0');
      return p && p.metadata.uid !== old.metadata.uid && isReady(p) ? true : undefined;
    });
    rec.stop();
    expect(rec.events.some((e) => e.pod.metadata.uid === old.metadata.uid && e.pod.status?.phase === 'Failed' && e.pod.status.reason === 'Evicted')).toBe(true);
    const ev = await c.k('t11', 'get', 'events', '--field-selector', 'involvedObject.kind=StatefulSet', '-o', 'jsonpath={range .items[*]}{.reason} {.message}{"\\n"}{end}');
    expect(ev).toContain('SuccessfulDelete delete Pod web-0 in StatefulSet web successful');
    const creates = await c.k('t11', 'get', 'events', '--field-selector', 'reason=SuccessfulCreate', '-o', 'jsonpath={range .items[*]}{.count} {.message}{"\\n"}{end}');
    expect(creates).toContain('2 create Pod web-0 in StatefulSet web successful');

    // While the cause persists (here: every pod of the template is failed) it repeats.
    await c.namespace('t11b');
    await c.apply('t11b', statefulSetYaml({ replicas: 1, claims: false, podAnnotations: { 'sim.ordinal/fail': 'Evicted' } }));
    const count = async (reason: string) => {
      const out = await c.k('t11b', 'get', 'events', '--field-selector', `reason=${reason},involvedObject.kind=StatefulSet`, '-o', 'jsonpath={.items[0].count}');
      return Number(out || 0);
    };
    await until('SuccessfulDelete repeats', async () => ((await count('SuccessfulDelete')) >= 3 ? true : undefined));
    expect(await count('SuccessfulCreate')).toBeGreaterThanOrEqual(3);
    await c.k('t11b', 'patch', 'sts', 'web', '--type=json', '-p', '[{"op":"remove","path":"/spec/template/metadata/annotations"}]');
    await c.settled('t11b', 1);
  }, 60_000);

  it('T-28: start ordinals: web-2, web-3; start 3 adds web-4 then drops web-2; removing ordinals goes back to 0', async () => {
    await c.namespace('t28');
    await c.apply('t28', statefulSetYaml({ replicas: 2, ordinalsStart: 2, claims: false }));
    await c.settled('t28', 2);
    const pods = await c.pods('t28');
    expect(names(pods)).toEqual(['web-2', 'web-3']);
    expect(pods.map((p) => p.metadata.labels?.['apps.kubernetes.io/pod-index']).sort()).toEqual(['2', '3']);
    const rec = await c.recordPods('t28');
    await c.k('t28', 'patch', 'sts', 'web', '--type=merge', '-p', '{"spec":{"ordinals":{"start":3}}}');
    await until('web-3, web-4', async () => (names(await c.pods('t28')).join() === 'web-3,web-4' ? true : undefined));
    await c.settled('t28', 2);
    expect(rec.order('ADDED')).toEqual(['web-4']);
    expect(rec.deletionOrder()).toEqual(['web-2']);
    expect(rec.events.findIndex((e) => e.type === 'ADDED')).toBeLessThan(rec.events.findIndex((e) => !!e.pod.metadata.deletionTimestamp));
    await c.k('t28', 'patch', 'sts', 'web', '--type=json', '-p', '[{"op":"remove","path":"/spec/ordinals"}]');
    await until('web-0, web-1', async () => (names(await c.pods('t28')).join() === 'web-0,web-1' ? true : undefined));
    await c.settled('t28', 2);
    rec.stop();
    expect(rec.order('ADDED')).toEqual(['web-4', 'web-0', 'web-1']);
    expect(rec.deletionOrder()).toEqual(['web-2', 'web-4', 'web-3']);
    // Creation of the missing low ordinals comes before any deletion of the high ones.
    const lastAdd = rec.events.findIndex((e) => e.type === 'ADDED' && e.name === 'web-1');
    const web4Marked = rec.events.findIndex((e) => e.name === 'web-4' && !!e.pod.metadata.deletionTimestamp);
    expect(lastAdd).toBeLessThan(web4Marked);
  }, 60_000);
});
