// statefulset-semantics.md §10.2, update scenarios (T-12 details, T-15, T-16, T-17, T-25, T-34,
// T-37) and the rollout subcommands' output (K-8…K-13) against `ordinal cluster --speed 20`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioCluster, isReady, names, sleep, statefulSetYaml, until, type Obj, type PodObj, type StsObj } from './harness';

const c = new ScenarioCluster();

beforeAll(async () => {
  await c.start();
}, 60_000);

afterAll(async () => {
  await c.stop();
  c.cleanup();
});

const OLD = 'registry.k8s.io/nginx-slim:0.24';
const NEW = 'registry.k8s.io/nginx-slim:0.27';
const image = (p: PodObj) => p.spec.containers[0].image;
const images = async (ns: string) => Object.fromEntries((await c.pods(ns)).map((p) => [p.metadata.name, image(p)]));
const revisions = async (ns: string) =>
  (await c.json<{ items: (Obj & { revision: number })[] }>(ns, 'controllerrevisions')).items.map((r) => ({ name: r.metadata.name, revision: r.revision })).sort((a, b) => a.revision - b.revision);

describe('§10.2 update scenarios', () => {
  it('T-12/T-13: rolling update one pod at a time, currentRevision switches at the end; undo rolls back highest first', async () => {
    await c.namespace('t12');
    await c.apply('t12', statefulSetYaml({ claims: false }));
    const before = await c.settled('t12', 3);
    const list = (await c.api('GET', '/apis/apps/v1/namespaces/t12/statefulsets')).json<{ metadata: { resourceVersion: string } }>();
    const w = c.watch(`/apis/apps/v1/namespaces/t12/statefulsets?watch=1&resourceVersion=${list.metadata.resourceVersion}`);
    const rec = await c.recordPods('t12');
    await c.k('t12', 'set', 'image', 'sts/web', `nginx=${NEW}`);
    const rs = await c.kn('t12', 'rollout', 'status', 'sts/web', '--timeout=30s');
    expect(rs.code).toBe(0);
    const lines = rs.stdout.trim().split('\n');
    // K-9: defaulting gave the set a rollingUpdate, so the "partitioned" lines are printed.
    expect(lines).toContain('Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...');
    expect(lines).toContain('Waiting for partitioned roll out to finish: 2 out of 3 new pods have been updated...');
    expect(lines.at(-1)).toBe('partitioned roll out complete: 3 new pods have been updated...');
    await c.settled('t12', 3);
    w.stop();
    rec.stop();
    expect(rec.deletionOrder()).toEqual(['web-2', 'web-1', 'web-0']);
    // Each replaced pod is Ready again before the next one is deleted.
    const mark = (n: string) => rec.events.find((e) => e.name === n && !!e.pod.metadata.deletionTimestamp);
    expect(mark('web-1')?.readyBefore).toContain('web-2');
    expect(mark('web-0')?.readyBefore).toEqual(expect.arrayContaining(['web-1', 'web-2']));
    // S-10: updatedReplicas climbs 1→3 while currentRevision stays old, then switches.
    const statuses = w.lines.map((l) => (l.object as StsObj).status ?? {});
    const updated = [...new Set(statuses.map((s) => s.updatedReplicas))];
    expect(updated).toEqual(expect.arrayContaining([1, 2, 3]));
    for (const s of statuses) if (s.currentRevision !== before.status?.currentRevision) expect(s.updatedReplicas).toBe(3);
    const after = await c.set('t12');
    expect(after.status?.currentRevision).toBe(after.status?.updateRevision);
    expect(after.status?.currentRevision).not.toBe(before.status?.currentRevision);
    // T-13: rollback replaces highest first as well.
    const rec2 = await c.recordPods('t12');
    expect((await c.k('t12', 'rollout', 'undo', 'sts/web')).trim()).toBe('statefulset.apps/web rolled back');
    await until('rolled back', async () => (Object.values(await images('t12')).every((i) => i === OLD) ? true : undefined));
    await c.settled('t12', 3);
    rec2.stop();
    expect(rec2.deletionOrder()).toEqual(['web-2', 'web-1', 'web-0']);
    expect((await revisions('t12')).map((r) => r.revision)).toEqual([2, 3]);
  }, 60_000);

  it('K-9: a set written with type RollingUpdate and no rollingUpdate prints the revision lines', async () => {
    await c.namespace('k9');
    // A 20 s (1 s real) readiness delay keeps the rollout slower than kubectl's start-up.
    await c.apply('k9', statefulSetYaml({ replicas: 2, bareRollingUpdate: true, claims: false, readinessDelaySeconds: 20 }));
    await c.settled('k9', 2);
    const set = await c.set('k9');
    expect(set.spec?.updateStrategy).toEqual({ type: 'RollingUpdate' });
    const first = await c.kn('k9', 'rollout', 'status', 'sts/web');
    expect(first.stdout.trim()).toBe(`statefulset rolling update complete 2 pods at revision ${set.status?.currentRevision}...`);
    await c.k('k9', 'set', 'image', 'sts/web', `nginx=${NEW}`);
    const rs = await c.kn('k9', 'rollout', 'status', 'sts/web', '--timeout=30s');
    const upd = (await c.set('k9')).status?.updateRevision ?? '';
    expect(rs.stdout).toMatch(new RegExp(`waiting for statefulset rolling update to complete \\d pods at revision ${upd}\\.\\.\\.`));
    expect(rs.stdout.trim().split('\n').at(-1)).toBe(`statefulset rolling update complete 2 pods at revision ${upd}...`);
  }, 60_000);

  it('T-15: partitioned canary', async () => {
    await c.namespace('t15');
    await c.apply('t15', statefulSetYaml({ partition: 3, claims: false }));
    await c.settled('t15', 3);
    const uids = (await c.pods('t15')).map((p) => p.metadata.uid).sort();
    await c.k('t15', 'set', 'image', 'sts/web', `nginx=${NEW}`);
    const rs = await c.kn('t15', 'rollout', 'status', 'sts/web', '--timeout=20s');
    expect(rs.stdout.trim().split('\n').at(-1)).toBe('partitioned roll out complete: 0 new pods have been updated...');
    await sleep(1000);
    expect((await c.pods('t15')).map((p) => p.metadata.uid).sort()).toEqual(uids);
    const st = (await c.set('t15')).status;
    expect(st?.currentRevision).not.toBe(st?.updateRevision);
    await c.k('t15', 'patch', 'sts', 'web', '-p', '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":2}}}}');
    await until('web-2 updated', async () => ((await images('t15'))['web-2'] === NEW && (await c.set('t15')).status?.readyReplicas === 3 ? true : undefined));
    expect(await images('t15')).toEqual({ 'web-0': OLD, 'web-1': OLD, 'web-2': NEW });
    // C-10: a pod below the partition comes back with the old template.
    await c.k('t15', 'delete', 'pod', 'web-1');
    await c.settled('t15', 3);
    expect(await images('t15')).toEqual({ 'web-0': OLD, 'web-1': OLD, 'web-2': NEW });
    await c.k('t15', 'patch', 'sts', 'web', '-p', '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}');
    const done = await c.kn('t15', 'rollout', 'status', 'sts/web', '--timeout=30s');
    expect(done.stdout.trim().split('\n').at(-1)).toBe('partitioned roll out complete: 3 new pods have been updated...');
    await until('revisions converge', async () => {
      const s = (await c.set('t15')).status;
      return s?.currentRevision === s?.updateRevision && s?.currentReplicas === 3 ? true : undefined;
    });
    expect(await images('t15')).toEqual({ 'web-0': NEW, 'web-1': NEW, 'web-2': NEW });
  }, 60_000);

  it('T-16: OnDelete updates only deleted pods; currentRevision never moves; rollout status refuses', async () => {
    await c.namespace('t16');
    await c.apply('t16', statefulSetYaml({ replicas: 2, onDelete: true, claims: false }));
    const before = await c.settled('t16', 2);
    await c.k('t16', 'set', 'image', 'sts/web', `nginx=${NEW}`);
    await sleep(1000);
    expect(await images('t16')).toEqual({ 'web-0': OLD, 'web-1': OLD });
    const rs = await c.kn('t16', 'rollout', 'status', 'sts/web');
    expect(rs.code).toBe(1);
    expect(rs.stderr.trim()).toBe('error: rollout status is only available for RollingUpdate strategy type');
    await c.k('t16', 'delete', 'pod', 'web-0');
    await c.settled('t16', 2);
    expect(await images('t16')).toEqual({ 'web-0': NEW, 'web-1': OLD });
    await c.k('t16', 'delete', 'pod', 'web-1');
    await c.settled('t16', 2);
    expect(await images('t16')).toEqual({ 'web-0': NEW, 'web-1': NEW });
    const st = (await c.set('t16')).status;
    expect(st?.currentRevision).toBe(before.status?.currentRevision);
    expect(st?.updateRevision).not.toBe(st?.currentRevision);
    // currentReplicas is 0 and, like upstream (omitempty), not serialized.
    expect(st).not.toHaveProperty('currentReplicas');
    expect(st?.updatedReplicas).toBe(2);
  }, 60_000);

  it('T-17: a broken image halts OrderedReady until the broken pod is deleted; Parallel heals with undo alone', async () => {
    await c.namespace('t17');
    await c.apply('t17', statefulSetYaml({ claims: false }));
    await c.settled('t17', 3);
    await c.k('t17', 'set', 'image', 'sts/web', 'nginx=nginx:does-not-exist');
    const broken = await until('web-2 cannot pull', async () => {
      const p = (await c.pods('t17')).find((x) => x.metadata.name === 'web-2' && image(x) === 'nginx:does-not-exist');
      const why = p?.status?.containerStatuses?.[0]?.state?.waiting?.reason;
      return why === 'ErrImagePull' || why === 'ImagePullBackOff' ? p : undefined;
    });
    expect(broken).toBeDefined();
    // P-16: the server Table's STATUS column.
    expect(await c.k('t17', 'get', 'pod', 'web-2', '--no-headers')).toMatch(/^web-2\s+0\/1\s+(ErrImagePull|ImagePullBackOff)\s+0\s+\d+s\n$/);
    await sleep(1000);
    expect(await images('t17')).toEqual({ 'web-0': OLD, 'web-1': OLD, 'web-2': 'nginx:does-not-exist' });
    await c.k('t17', 'rollout', 'undo', 'sts/web');
    await sleep(1500);
    expect((await images('t17'))['web-2']).toBe('nginx:does-not-exist');
    await c.k('t17', 'delete', 'pod', 'web-2');
    await c.settled('t17', 3);
    expect(await images('t17')).toEqual({ 'web-0': OLD, 'web-1': OLD, 'web-2': OLD });

    await c.namespace('t17p');
    await c.apply('t17p', statefulSetYaml({ parallel: true, claims: false }));
    await c.settled('t17p', 3);
    await c.k('t17p', 'set', 'image', 'sts/web', 'nginx=nginx:does-not-exist');
    await until('web-2 broken', async () => ((await images('t17p'))['web-2'] === 'nginx:does-not-exist' ? true : undefined));
    await c.k('t17p', 'rollout', 'undo', 'sts/web');
    await c.settled('t17p', 3);
    expect(await images('t17p')).toEqual({ 'web-0': OLD, 'web-1': OLD, 'web-2': OLD });
  }, 60_000);

  it('T-37: rollout status with an unready canary loops on "Waiting for 1 pods to be ready..." until fixed', async () => {
    await c.namespace('t37');
    await c.apply('t37', statefulSetYaml({ partition: 1, claims: false }));
    await c.settled('t37', 3);
    const unready = JSON.stringify({ spec: { template: { metadata: { annotations: { 'sim.ordinal/ready': 'false' } } } } });
    await c.k('t37', 'patch', 'sts', 'web', '-p', unready);
    const rs = await c.kn('t37', 'rollout', 'status', 'sts/web', '--timeout=3s');
    expect(rs.code).toBe(1);
    expect(rs.stdout).toContain('Waiting for 1 pods to be ready...');
    expect(rs.stdout).not.toContain('complete');
    expect(rs.stderr).toContain('timed out waiting for the condition');
    const pods = await c.pods('t37');
    expect(pods.filter((p) => !isReady(p)).map((p) => p.metadata.name)).toEqual(['web-2']);
    // The fix: a template whose pods are ready, and (C-29, OrderedReady) the stuck pod made
    // ready too so the walk can reach it and replace it.
    const fixed = JSON.stringify({ spec: { template: { metadata: { annotations: { 'sim.ordinal/ready': 'true' } } } } });
    await c.k('t37', 'patch', 'sts', 'web', '-p', fixed);
    await sleep(1000);
    expect(await c.kn('t37', 'rollout', 'status', 'sts/web', '--timeout=1s').then((r) => r.stdout)).toContain('Waiting for 1 pods to be ready...');
    await c.k('t37', 'annotate', 'pod', 'web-2', 'sim.ordinal/ready=true', '--overwrite');
    const done = await c.kn('t37', 'rollout', 'status', 'sts/web', '--timeout=30s');
    expect(done.stdout.trim().split('\n').at(-1)).toBe('partitioned roll out complete: 2 new pods have been updated...');
  }, 60_000);

  it('T-25: generation rules', async () => {
    await c.namespace('t25');
    await c.apply('t25', statefulSetYaml({ replicas: 1, claims: false }));
    await c.settled('t25', 1);
    const gen = async () => (await c.set('t25')).metadata.generation;
    expect(await gen()).toBe(1);
    await c.k('t25', 'label', 'sts', 'web', 'team=a');
    expect(await gen()).toBe(1);
    await c.k('t25', 'set', 'image', 'sts/web', `nginx=${NEW}`);
    expect(await gen()).toBe(2);
    await c.k('t25', 'scale', 'sts/web', '--replicas=2');
    expect(await gen()).toBe(3);
    const s = await c.settled('t25', 2);
    expect(s.status?.observedGeneration).toBe(3);
  }, 60_000);

  it('T-34 and K-10: history limit keeps the 2 newest old revisions; history shows change-cause and revisions', async () => {
    await c.namespace('t34');
    await c.apply('t34', statefulSetYaml({ replicas: 1, revisionHistoryLimit: 2, claims: false }));
    await c.settled('t34', 1);
    for (let i = 1; i <= 6; i++) {
      if (i === 6) await c.k('t34', 'annotate', 'sts', 'web', 'kubernetes.io/change-cause=edit six');
      await c.k('t34', 'set', 'env', 'sts/web', `EDIT=${i}`);
      await until(`edit ${i} rolled`, async () => {
        const s = await c.set('t34');
        return s.status?.observedGeneration === s.metadata.generation && s.status?.currentRevision === s.status?.updateRevision && s.status?.readyReplicas === 1 ? true : undefined;
      });
    }
    await until('history trimmed', async () => ((await revisions('t34')).length === 3 ? true : undefined));
    expect((await revisions('t34')).map((r) => r.revision)).toEqual([5, 6, 7]);
    const history = await c.k('t34', 'rollout', 'history', 'sts/web');
    expect(history).toBe('statefulset.apps/web \nREVISION  CHANGE-CAUSE\n5         <none>\n6         <none>\n7         edit six\n\n');
    const one = await c.k('t34', 'rollout', 'history', 'sts/web', '--revision=6');
    expect(one).toMatch(/^statefulset\.apps\/web with revision #6\nPod Template:\n/);
    expect(one).toMatch(/EDIT:\s+5/);
    const missing = await c.kn('t34', 'rollout', 'history', 'sts/web', '--revision=2');
    expect(missing.stderr.trim()).toBe('error: unable to find the specified revision');
    const noRev = await c.kn('t34', 'rollout', 'undo', 'sts/web', '--to-revision=2');
    expect(noRev.stderr.trim()).toBe('error: unable to find specified revision 2 in history');
  }, 60_000);

  it('K-12/K-13: rollout restart prints restarted and refuses a second restart in the same second; pause is not supported', async () => {
    await c.namespace('k12');
    await c.apply('k12', statefulSetYaml({ replicas: 1, claims: false }));
    await c.settled('k12', 1);
    const [a, b] = await Promise.all([c.kn('k12', 'rollout', 'restart', 'sts/web'), c.kn('k12', 'rollout', 'restart', 'sts/web')]);
    const outs = [a, b].map((r) => (r.stdout + r.stderr).trim()).sort();
    // Both may land in the same second (second patch empty) or straddle a second boundary.
    if (outs[0] !== outs[1]) {
      expect(outs).toContain('error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another');
    }
    expect(outs).toContain('statefulset.apps/web restarted');
    const set = await c.set('k12');
    expect((set.spec as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
    const pause = await c.kn('k12', 'rollout', 'pause', 'sts/web');
    expect(pause.stderr.trim()).toBe('error: statefulsets.apps "web" pausing is not supported');
    const resume = await c.kn('k12', 'rollout', 'resume', 'sts/web');
    expect(resume.stderr.trim()).toBe('error: statefulsets.apps "web" resuming is not supported');
    await c.settled('k12', 1);
    expect(names(await c.pods('k12'))).toEqual(['web-0']);
  }, 60_000);

  it('T-22: validation table V-1…V-20 with exact cause fields and messages (server dry run)', async () => {
    await c.namespace('t22');
    type Sts = { metadata: { name: string }; spec: Record<string, unknown> & { template: { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> } } };
    const base = (): Sts => ({
      metadata: { name: 'web' },
      spec: {
        replicas: 1,
        serviceName: 'web',
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
      },
    });
    const rows: [string, (s: Sts) => void, string, string][] = [
      ['V-1', (s) => (s.metadata.name = ''), 'metadata.name', 'metadata.name: Required value: name or generateName is required'],
      ['V-2', (s) => (s.metadata.name = 'Web_1'), 'metadata.name', `metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`],
      ['V-3', (s) => (s.metadata.name = 'web.v1'), 'metadata.name', 'metadata.name: Invalid value: "web.v1": must not contain dots'],
      ['V-4', (s) => (s.metadata.name = 'a'.repeat(64)), 'metadata.name', `metadata.name: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`],
      ['V-5', (s) => (s.spec.podManagementPolicy = 'Burst'), 'spec.podManagementPolicy', `spec.podManagementPolicy: Invalid value: "Burst": must be 'OrderedReady' or 'Parallel'`],
      ['V-6', (s) => (s.spec.updateStrategy = { type: 'Canary' }), 'spec.updateStrategy', `spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:"Canary", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be 'RollingUpdate' or 'OnDelete'`],
      ['V-7', (s) => (s.spec.updateStrategy = { type: 'OnDelete', rollingUpdate: { partition: 0 } }), 'spec.updateStrategy.rollingUpdate', `spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:0, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'`],
      ['V-8', (s) => (s.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: -1 } }), 'spec.updateStrategy.rollingUpdate.partition', 'spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0'],
      ['V-10', (s) => (s.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Keep' }), 'spec.persistentVolumeClaimRetentionPolicy.whenDeleted', 'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"'],
      ['V-11', (s) => (s.spec.replicas = -1), 'spec.replicas', 'spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
      ['V-12', (s) => (s.spec.minReadySeconds = -5), 'spec.minReadySeconds', 'spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0'],
      ['V-13', (s) => (s.spec.ordinals = { start: -1 }), 'spec.ordinals.start', 'spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0'],
      ['V-14', (s) => delete s.spec.selector, 'spec.selector', 'spec.selector: Required value'],
      ['V-15', (s) => (s.spec.selector = {}), 'spec.selector', 'empty selector is invalid for statefulset'],
      ['V-17', (s) => (s.spec.template.metadata.labels = { app: 'other' }), 'spec.template.metadata.labels', 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`'],
      ['V-19', (s) => (s.spec.template.spec.restartPolicy = 'OnFailure'), 'spec.template.spec.restartPolicy', 'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
      ['V-20', (s) => (s.spec.template.spec.activeDeadlineSeconds = 10), 'spec.template.spec.activeDeadlineSeconds', 'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported'],
    ];
    const failures: string[] = [];
    for (const [id, mutate, field, text] of rows) {
      const obj = base();
      mutate(obj);
      const r = await c.api('POST', '/apis/apps/v1/namespaces/t22/statefulsets?dryRun=All', { body: JSON.stringify({ apiVersion: 'apps/v1', kind: 'StatefulSet', ...obj }) });
      const st = r.json<{ message?: string; reason?: string; details?: { causes?: { field?: string }[] } }>();
      const ok = r.status === 422 && st.reason === 'Invalid' && !!st.message?.startsWith(`StatefulSet.apps "${obj.metadata.name}" is invalid: `) && st.message.includes(text) && !!st.details?.causes?.some((cause) => cause.field === field);
      if (!ok) failures.push(`${id}: ${r.status} ${st.message ?? r.text}`);
    }
    expect(failures).toEqual([]);
    // V-26 (2.3): several errors are listed in brackets, comma separated, in detection order.
    const both = base();
    both.spec.replicas = -1;
    both.spec.template.spec.restartPolicy = 'Never';
    const r = await c.api('POST', '/apis/apps/v1/namespaces/t22/statefulsets?dryRun=All', { body: JSON.stringify({ apiVersion: 'apps/v1', kind: 'StatefulSet', ...both }) });
    expect(r.json<{ message: string }>().message).toBe('StatefulSet.apps "web" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"]');
  }, 60_000);
});
