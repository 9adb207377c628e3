// statefulset-semantics.md §10.2, claims, status and ownership scenarios (T-19, T-24, T-26,
// T-27, T-29…T-33, T-35, T-36) against `ordinal cluster --speed 20`, driven by kubectl.
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

const uids = async (ns: string) => Object.fromEntries((await c.pods(ns)).map((p) => [p.metadata.name, p.metadata.uid]));
const claimNames = async (ns: string) => (await c.claims(ns)).map((p) => p.metadata.name).sort();

describe('§10.2 claims, status and ownership', () => {
  it('T-19: the scale subresource', async () => {
    await c.namespace('t19');
    await c.apply('t19', statefulSetYaml({ replicas: 2, claims: false }));
    const set = await c.settled('t19', 2);
    const path = '/apis/apps/v1/namespaces/t19/statefulsets/web/scale';
    const got = await c.api('GET', path);
    expect(got.status).toBe(200);
    expect(got.json()).toEqual({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: 'web', namespace: 't19', uid: set.metadata.uid, resourceVersion: set.metadata.resourceVersion, creationTimestamp: set.metadata.creationTimestamp },
      spec: { replicas: 2 },
      status: { replicas: 2, selector: 'app=web' },
    });
    const patched = await c.api('PATCH', path, { body: '{"spec":{"replicas":3}}', headers: { 'content-type': 'application/merge-patch+json' } });
    expect(patched.status).toBe(200);
    expect(patched.json<{ spec: { replicas: number } }>().spec.replicas).toBe(3);
    expect((await c.set('t19')).metadata.generation).toBe(2);
    // The controller's status writes move the set's resourceVersion on; an unconditional PUT
    // (no resourceVersion) is allowed for StatefulSets, as upstream.
    const scale = patched.json<{ metadata: Record<string, unknown>; spec: { replicas: number } }>();
    scale.spec.replicas = 2;
    delete scale.metadata.resourceVersion;
    const put = await c.api('PUT', path, { body: JSON.stringify(scale) });
    expect(put.status).toBe(200);
    const after = await c.set('t19');
    expect([after.metadata.generation, (after.spec as { replicas: number }).replicas]).toEqual([3, 2]);
    const stale = await c.kn('t19', 'scale', 'sts/web', '--current-replicas=5', '--replicas=4');
    expect(stale.code).not.toBe(0);
    expect(stale.stderr).toContain('Expected replicas to be 5, was 2');
    expect((await c.k('t19', 'scale', 'sts/web', '--current-replicas=2', '--replicas=1')).trim()).toBe('statefulset.apps/web scaled');
    const negative = await c.api('PATCH', path, { body: '{"spec":{"replicas":-1}}', headers: { 'content-type': 'application/merge-patch+json' } });
    expect(negative.status).toBe(422);
    expect(negative.json<{ message: string }>().message).toBe('Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    await c.settled('t19', 1);
  }, 60_000);

  it('T-20: the status subresource', async () => {
    await c.namespace('t20');
    await c.apply('t20', statefulSetYaml({ replicas: 1, claims: false }));
    const set = await c.settled('t20', 1);
    const cond = { type: 'Custom', status: 'True', lastTransitionTime: '2025-01-01T00:00:00Z', reason: 'Test', message: 'x' };
    await c.k('t20', 'patch', 'sts', 'web', '--subresource=status', '--type=merge', '-p', JSON.stringify({ status: { conditions: [cond] } }));
    const written = await c.set('t20');
    expect((written.status as Record<string, unknown>).conditions).toEqual([cond]);
    expect(written.metadata.generation).toBe(set.metadata.generation);
    expect(written.spec).toEqual(set.spec);
    const bad = await c.kn('t20', 'patch', 'sts', 'web', '--subresource=status', '--type=merge', '-p', '{"status":{"readyReplicas":5}}');
    expect(bad.stderr.trim()).toBe('The StatefulSet "web" is invalid: status.readyReplicas: Invalid value: 5: cannot be greater than status.replicas');
    const negative = await c.api('PATCH', '/apis/apps/v1/namespaces/t20/statefulsets/web/status', { body: '{"status":{"observedGeneration":-1}}', headers: { 'content-type': 'application/merge-patch+json' } });
    expect(negative.status).toBe(422);
    expect(negative.json<{ message: string }>().message).toBe('StatefulSet.apps "web" is invalid: status.observedGeneration: Invalid value: -1: must be greater than or equal to 0');
    // S-9: the controller's next real status write replaces the whole status.
    await c.k('t20', 'scale', 'sts/web', '--replicas=2');
    await c.settled('t20', 2);
    expect(await c.set('t20')).not.toHaveProperty('status.conditions');
  }, 60_000);

  it('T-26/T-27: minReadySeconds gates OrderedReady creation and availableReplicas, not the rolling update', async () => {
    await c.namespace('t26');
    const rec = await c.recordPods('t26');
    await c.apply('t26', statefulSetYaml({ replicas: 2, minReadySeconds: 60, claims: false })); // 3 s of wall time
    const readyNotAvailable = await until('web-0 ready but not available', async () => {
      const st = (await c.set('t26')).status;
      return st?.readyReplicas === 1 ? st : undefined;
    });
    expect(readyNotAvailable.availableReplicas).toBe(0);
    await until('both available', async () => ((await c.set('t26')).status?.availableReplicas === 2 ? true : undefined), 30_000);
    const web0Ready = rec.events.find((e) => e.name === 'web-0' && isReady(e.pod))?.at ?? 0;
    const web1Added = rec.events.find((e) => e.name === 'web-1' && e.type === 'ADDED')?.at ?? 0;
    // Ready's lastTransitionTime has second precision, so the wait is between 2 and 3+ s.
    expect(web1Added - web0Ready).toBeGreaterThan(1900);
    // C-17: with OrderedReady the replaced pod is a replica that must be Available before the
    // sync goes on, so the rolling update also waits minReadySeconds per pod.
    await c.k('t26', 'set', 'image', 'sts/web', 'nginx=registry.k8s.io/nginx-slim:0.27');
    await until('rolled', async () => {
      const s = await c.set('t26');
      return s.status?.updatedReplicas === 2 && s.status.currentRevision === s.status.updateRevision ? true : undefined;
    });
    rec.stop();
    const gap = (r: typeof rec) => {
      const newWeb1 = r.events.filter((e) => e.name === 'web-1' && isReady(e.pod)).at(-1)?.at ?? 0;
      const web0Marked = r.events.find((e) => e.name === 'web-0' && !!e.pod.metadata.deletionTimestamp)?.at ?? 0;
      return web0Marked - newWeb1;
    };
    expect(gap(rec)).toBeGreaterThan(1900);
    await until('available again', async () => ((await c.set('t26')).status?.availableReplicas === 2 ? true : undefined), 30_000);
    // T-27: availability follows minReadySeconds without any pod change.
    const before = await uids('t26');
    await c.k('t26', 'patch', 'sts', 'web', '-p', '{"spec":{"minReadySeconds":3600}}');
    await until('availableReplicas 0', async () => ((await c.set('t26')).status?.availableReplicas === 0 ? true : undefined));
    await c.k('t26', 'patch', 'sts', 'web', '-p', '{"spec":{"minReadySeconds":0}}');
    await until('availableReplicas 2', async () => ((await c.set('t26')).status?.availableReplicas === 2 ? true : undefined));
    expect(await uids('t26')).toEqual(before);

    // C-28: the update pass itself ignores minReadySeconds — with Parallel nothing else gates
    // it, so the next outdated pod goes as soon as its successor is Ready.
    await c.namespace('t26p');
    await c.apply('t26p', statefulSetYaml({ replicas: 2, minReadySeconds: 60, parallel: true, claims: false }));
    await until('parallel set available', async () => ((await c.set('t26p')).status?.availableReplicas === 2 ? true : undefined), 30_000);
    const recP = await c.recordPods('t26p');
    await c.k('t26p', 'set', 'image', 'sts/web', 'nginx=registry.k8s.io/nginx-slim:0.27');
    await until('parallel rolled', async () => ((await c.set('t26p')).status?.updatedReplicas === 2 && (await c.pods('t26p')).every(isReady) ? true : undefined));
    recP.stop();
    expect(gap(recP)).toBeLessThan(1500);
  }, 60_000);

  it('T-29: whenScaled Delete hands condemned claims to their pods, which the GC then collects', async () => {
    await c.namespace('t29');
    await c.apply('t29', statefulSetYaml({ retention: { whenScaled: 'Delete', whenDeleted: 'Retain' } }));
    await c.settled('t29', 3);
    const before = Object.fromEntries((await c.claims('t29')).map((p) => [p.metadata.name, p.metadata.uid]));
    const pods = await uids('t29');
    const list = (await c.api('GET', '/api/v1/namespaces/t29/persistentvolumeclaims')).json<{ metadata: { resourceVersion: string } }>();
    const w = c.watch(`/api/v1/namespaces/t29/persistentvolumeclaims?watch=1&resourceVersion=${list.metadata.resourceVersion}`);
    await c.k('t29', 'scale', 'sts/web', '--replicas=1');
    await until('claims 1, 2 collected', async () => ((await claimNames('t29')).join() === 'www-web-0' ? true : undefined));
    w.stop();
    for (const n of [1, 2]) {
      const owned = w.lines.map((l) => l.object as Obj).find((o) => o.metadata.name === `www-web-${n}` && o.metadata.ownerReferences?.length);
      expect(owned?.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Pod', name: `web-${n}`, uid: pods[`web-${n}`], controller: true, blockOwnerDeletion: true }]);
    }
    expect((await c.json<Obj>('t29', 'pvc', 'www-web-0')).metadata.ownerReferences).toBeUndefined();
    await c.k('t29', 'scale', 'sts/web', '--replicas=3');
    await c.settled('t29', 3);
    const after = Object.fromEntries((await c.claims('t29')).map((p) => [p.metadata.name, p.metadata.uid]));
    expect(after['www-web-0']).toBe(before['www-web-0']);
    expect(after['www-web-1']).not.toBe(before['www-web-1']);
    expect(after['www-web-2']).not.toBe(before['www-web-2']);
  }, 60_000);

  it('T-30: whenDeleted Delete makes the set own every claim; deleting it removes pods and claims; Retain keeps them', async () => {
    await c.namespace('t30');
    await c.apply('t30', statefulSetYaml({ replicas: 2, retention: { whenScaled: 'Retain', whenDeleted: 'Delete' } }));
    const set = await c.settled('t30', 2);
    await until('claims owned by the set', async () => ((await c.claims('t30')).every((p) => p.metadata.ownerReferences?.length === 1) ? true : undefined));
    for (const claim of await c.claims('t30')) {
      expect(claim.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: set.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    expect((await c.k('t30', 'delete', 'sts', 'web')).trim()).toBe('statefulset.apps "web" deleted');
    await until('pods and claims gone', async () => ((await c.pods('t30')).length === 0 && (await c.claims('t30')).length === 0 ? true : undefined));

    await c.apply('t30', statefulSetYaml({ name: 'keep', replicas: 2 }));
    await c.settled('t30', 2, 'keep');
    await c.k('t30', 'delete', 'sts', 'keep');
    await until('pods gone', async () => ((await c.pods('t30')).length === 0 ? true : undefined));
    expect(await claimNames('t30')).toEqual(['www-keep-0', 'www-keep-1']);
  }, 60_000);

  it('T-31: a claim controlled by another object keeps its owner; the set warns ConflictingController', async () => {
    await c.namespace('t31');
    await c.k('t31', 'create', 'configmap', 'owner');
    const owner = await c.json<Obj>('t31', 'configmap', 'owner');
    const foreign = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid, controller: true };
    const claim = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'www-web-0', labels: { app: 'web' }, ownerReferences: [foreign] },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    };
    await c.kubectl(['create', '-n', 't31', '-f', '-'], { input: JSON.stringify(claim) });
    await c.apply('t31', statefulSetYaml({ replicas: 1, retention: { whenScaled: 'Delete', whenDeleted: 'Delete' } }));
    await c.settled('t31', 1);
    const ev = await until('ConflictingController', async () => {
      const out = await c.k('t31', 'get', 'events', '--field-selector', 'reason=ConflictingController', '-o', 'jsonpath={range .items[*]}{.type} {.involvedObject.kind} {.message}{"\\n"}{end}');
      return out.trim() || undefined;
    });
    expect(ev.split('\n')[0]).toBe('Warning StatefulSet PersistentVolumeClaim www-web-0 has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim');
    expect((await c.json<Obj>('t31', 'pvc', 'www-web-0')).metadata.ownerReferences).toEqual([foreign]);
    await c.k('t31', 'scale', 'sts/web', '--replicas=0');
    await until('pod gone', async () => ((await c.pods('t31')).length === 0 ? true : undefined));
    await sleep(1000);
    expect((await c.json<Obj>('t31', 'pvc', 'www-web-0')).metadata.ownerReferences).toEqual([foreign]);
  }, 60_000);

  it('T-32: a claim deleted while its pod is Pending is recreated', async () => {
    await c.namespace('t32');
    const yaml = statefulSetYaml({ replicas: 1 }).replace('    spec:\n      containers', '    spec:\n      nodeSelector: {simulated: nowhere}\n      containers');
    await c.apply('t32', yaml);
    const first = await until('claim and pending pod', async () => {
      const pod = (await c.pods('t32'))[0];
      const claims = await c.claims('t32');
      return pod?.status?.phase === 'Pending' && claims.length === 1 ? claims[0] : undefined;
    });
    await c.k('t32', 'delete', 'pvc', 'www-web-0', '--wait=false');
    const again = await until('claim recreated', async () => {
      const claims = await c.claims('t32');
      return claims.find((p) => p.metadata.uid !== first.metadata.uid && !p.metadata.deletionTimestamp);
    });
    expect(again.metadata.name).toBe('www-web-0');
    expect((await c.pods('t32'))[0].status?.phase).toBe('Pending');
  }, 60_000);

  it('T-33: adoption, release and replacement of a hand-made orphan', async () => {
    await c.namespace('t33');
    await c.apply('t33', statefulSetYaml({ replicas: 1, claims: false }));
    const set = await c.settled('t33', 1);
    const uid = (await c.json<PodObj>('t33', 'pod', 'web-0')).metadata.uid;
    await c.k('t33', 'patch', 'pod', 'web-0', '--type=json', '-p', '[{"op":"remove","path":"/metadata/ownerReferences"}]');
    const adopted = await until('re-adopted', async () => {
      const p = await c.json<PodObj>('t33', 'pod', 'web-0');
      return p.metadata.ownerReferences?.[0]?.uid === set.metadata.uid ? p : undefined;
    });
    expect(adopted.metadata.uid).toBe(uid);
    await c.k('t33', 'label', 'pod', 'web-0', 'app-');
    await until('released', async () => ((await c.json<PodObj>('t33', 'pod', 'web-0')).metadata.ownerReferences === undefined ? true : undefined));
    await sleep(1000);
    expect(Object.values(await uids('t33'))).toEqual([uid]);
    await c.k('t33', 'label', 'pod', 'web-0', 'app=web');
    await until('adopted again', async () => ((await c.json<PodObj>('t33', 'pod', 'web-0')).metadata.ownerReferences?.[0]?.uid === set.metadata.uid ? true : undefined));
    expect(Object.values(await uids('t33'))).toEqual([uid]);

    // An orphan without controller-revision-hash is adopted, then replaced by the update pass.
    await c.namespace('t33b');
    const orphan = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24' }] } };
    await c.kubectl(['create', '-n', 't33b', '-f', '-'], { input: JSON.stringify(orphan) });
    const orphanUid = (await c.json<PodObj>('t33b', 'pod', 'web-0')).metadata.uid;
    const rec = await c.recordPods('t33b');
    await c.apply('t33b', statefulSetYaml({ replicas: 1, claims: false }));
    const replaced = await until('orphan replaced', async () => {
      const p = (await c.pods('t33b'))[0];
      return p && p.metadata.uid !== orphanUid && isReady(p) ? p : undefined;
    });
    rec.stop();
    expect(replaced.metadata.labels?.['controller-revision-hash']).toBe((await c.set('t33b')).status?.updateRevision);
    expect(rec.events.some((e) => e.pod.metadata.uid === orphanUid && e.pod.metadata.ownerReferences?.[0]?.kind === 'StatefulSet')).toBe(true);
  }, 60_000);

  it('T-35: background delete marks all pods at once; orphan delete and re-create adopts without restarts', async () => {
    await c.namespace('t35');
    await c.apply('t35', statefulSetYaml({ claims: false }));
    await c.settled('t35', 3);
    const before = await uids('t35');
    expect((await c.k('t35', 'delete', 'sts', 'web', '--cascade=orphan')).trim()).toBe('statefulset.apps "web" deleted');
    await until('owner references stripped', async () => ((await c.pods('t35')).every((p) => !p.metadata.ownerReferences) ? true : undefined));
    expect(await uids('t35')).toEqual(before);
    await c.apply('t35', statefulSetYaml({ claims: false }));
    const set = await c.settled('t35', 3);
    await until('adopted', async () => ((await c.pods('t35')).every((p) => p.metadata.ownerReferences?.[0]?.uid === set.metadata.uid) ? true : undefined));
    expect(await uids('t35')).toEqual(before);
    const rec = await c.recordPods('t35');
    await c.k('t35', 'delete', 'sts', 'web');
    await until('pods gone', async () => ((await c.pods('t35')).length === 0 ? true : undefined));
    rec.stop();
    const firstGone = rec.events.findIndex((e) => e.type === 'DELETED');
    expect(new Set(rec.events.slice(0, firstGone).filter((e) => e.pod.metadata.deletionTimestamp).map((e) => e.name)).size).toBe(3);
  }, 60_000);

  it('T-24: a set name too long for the revision label is accepted but FailedCreate repeats', async () => {
    await c.namespace('t24');
    const name = `w${'x'.repeat(59)}`;
    expect(name).toHaveLength(60);
    const yaml = statefulSetYaml({ name, replicas: 1, claims: false }).replaceAll(`${name}-svc`, 'svc');
    expect(await c.apply('t24', yaml)).toContain(`statefulset.apps/${name} created`);
    const counts: number[] = [];
    await until('FailedCreate repeats', async () => {
      const out = await c.k('t24', 'get', 'events', '--field-selector', `reason=FailedCreate,involvedObject.name=${name}`, '-o', 'jsonpath={range .items[*]}{.type} {.count} {.message}{"\\n"}{end}');
      const line = out.trim().split('\n')[0] ?? '';
      const m = /^Warning (\d+) create Pod (\S+)-0 in StatefulSet \S+ failed error: Pod "\S+-0" is invalid: metadata\.labels: Invalid value: "\S+-[0-9a-z]+": must be no more than 63 characters$/.exec(line);
      if (m) counts.push(Number(m[1]));
      return counts.length >= 2 && counts.at(-1)! > counts[0] ? true : undefined;
    });
    expect(names(await c.pods('t24'), name)).toEqual([]);

    // V-22: the pod template is not validated on the set; a container without image fails late.
    const noImage = statefulSetYaml({ name: 'noimg', replicas: 1, claims: false }).replace(/image: "[^"]+", /, '');
    expect(await c.apply('t24', noImage)).toContain('statefulset.apps/noimg created');
    const failed = await until('FailedCreate for noimg', async () => {
      const out = await c.k('t24', 'get', 'events', '--field-selector', 'reason=FailedCreate,involvedObject.name=noimg', '-o', 'jsonpath={range .items[*]}{.message}{"\\n"}{end}');
      return out.trim() || undefined;
    });
    expect(failed).toMatch(/^create Pod noimg-0 in StatefulSet noimg failed error: Pod "noimg-0" is invalid: spec\.containers\[0\]\.image: Required value/);
    expect(names(await c.pods('t24'), 'noimg')).toEqual([]);
  }, 60_000);

  it('T-36: kubectl get / describe / get -w output', async () => {
    await c.namespace('t36');
    const watch = c.kubectlStream(['get', 'pods', '-w', '-n', 't36']);
    await c.apply('t36', statefulSetYaml({ replicas: 2, claims: false }));
    const set = await c.settled('t36', 2);
    expect(await c.k('t36', 'get', 'sts')).toMatch(/^NAME\s+READY\s+AGE\nweb\s+2\/2\s+\d+s\n$/);
    expect(await c.k('t36', 'get', 'sts', '-o', 'wide')).toMatch(/^NAME\s+READY\s+AGE\s+CONTAINERS\s+IMAGES\nweb\s+2\/2\s+\d+s\s+nginx\s+registry\.k8s\.io\/nginx-slim:0\.24\n$/);
    expect(await c.k('t36', 'get', 'controllerrevisions')).toMatch(new RegExp(`^NAME\\s+CONTROLLER\\s+REVISION\\s+AGE\\n${set.status?.currentRevision}\\s+statefulset\\.apps/web\\s+1\\s+\\d+s\\n$`));
    await c.k('t36', 'delete', 'pod', 'web-1');
    await c.settled('t36', 2);
    const describe = await c.k('t36', 'describe', 'sts', 'web');
    expect(describe).toMatch(/^Replicas:\s+2 desired \| 2 total$/m);
    expect(describe).toMatch(/^Update Strategy:\s+RollingUpdate$/m);
    expect(describe).toMatch(/^ {2}Partition:\s+0$/m);
    expect(describe).toMatch(/^Pods Status:\s+2 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed$/m);
    expect(describe).toMatch(/Normal\s+SuccessfulCreate\s+\S+ \(x2 over \S+\)\s+statefulset-controller\s+create Pod web-1 in StatefulSet web successful/);
    const streamed = (await watch.stop()).stdout;
    expect(streamed.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(streamed.match(/^NAME/gm)).toHaveLength(1);
    // A Pending row: web-0's first one, or — when a loaded machine starts kubectl's watch after
    // web-0 is already running — web-1's re-creation after the delete above.
    expect(streamed).toMatch(/^web-[01]\s+0\/1\s+Pending\s+0\s+\d+s$/m);
    expect(streamed).toMatch(/^web-1\s+1\/1\s+Running\s+0\s+\d+s$/m);
    expect(streamed).toMatch(/^web-1\s+\d\/1\s+Terminating\s+0\s+\d+s$/m);
  }, 60_000);
});
