// The in-process ClusterClient goes through the registry like HTTP does: defaulting, validation
// errors, resourceVersions, and watch events delivered asynchronously in RV order.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { StatusError } from '../api/errors';
import { Registry } from '../api/rest/registry';
import { Store } from '../storage/store';
import { InProcessClient } from './inProcess';
import type { WatchEvent } from './types';

const NS = { group: '', version: 'v1', resource: 'namespaces' };
const CM = { group: '', version: 'v1', resource: 'configmaps' };
const STS = { group: 'apps', version: 'v1', resource: 'statefulsets' };

let client: InProcessClient;

beforeEach(async () => {
  client = new InProcessClient(new Registry(new Store(join(mkdtempSync(join(tmpdir(), 'ipc-')), 'db.sqlite'))));
  await client.create(NS, undefined, { metadata: { name: 'default' } });
});

describe('InProcessClient', () => {
  it('creates with defaulting and reports validation errors as StatusError', async () => {
    const sts = await client.create(STS, 'default', {
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    expect(sts.metadata.generation).toBe(1);
    expect((sts.spec as { updateStrategy: unknown }).updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    const err = await client.create(CM, 'default', { metadata: { name: 'Bad_Name' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StatusError);
    expect((err as StatusError).code).toBe(422);
  });

  it('watches from a list resourceVersion and sees its own writes in order', async () => {
    await client.create(CM, 'default', { metadata: { name: 'a' }, data: { v: '1' } });
    const list = await client.list(CM, { namespace: 'default' });
    const seen: WatchEvent[] = [];
    const stop = client.watch(CM, { namespace: 'default', resourceVersion: list.resourceVersion }, (ev) => {
      seen.push(ev);
      // A handler that writes must not disturb the order of events for anyone.
      if (ev.type === 'ADDED' && ev.object.metadata.name === 'b') void client.patch(CM, 'default', 'b', 'merge', { data: { v: '2' } });
    });
    await client.create(CM, 'default', { metadata: { name: 'b' }, data: { v: '1' } });
    await client.delete(CM, 'default', 'a');
    await new Promise((r) => setTimeout(r, 50));
    stop();
    expect(seen.map((e) => `${e.type}:${e.object.metadata.name}`)).toEqual(['ADDED:b', 'DELETED:a', 'MODIFIED:b']);
    const rvs = seen.map((e) => Number(e.object.metadata.resourceVersion));
    expect([...rvs].sort((x, y) => x - y)).toEqual(rvs);
  });

  it('updates the status subresource only through opts.subresource', async () => {
    const sts = await client.create(STS, 'default', {
      metadata: { name: 'db' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'pg' }] } } },
    });
    const withStatus = await client.update(STS, 'default', { ...sts, status: { replicas: 2, observedGeneration: 1 } }, { subresource: 'status' });
    expect(withStatus.status).toMatchObject({ replicas: 2, observedGeneration: 1 });
    const ignored = await client.update(STS, 'default', { ...withStatus, status: { replicas: 7 } });
    expect((ignored.status as { replicas: number }).replicas).toBe(2);
  });

  it('binds a pod through pods/binding like the scheduler does', async () => {
    const PODS = { group: '', version: 'v1', resource: 'pods' };
    const pod = await client.create(PODS, 'default', { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p', uid: pod.metadata.uid }, target: { kind: 'Node', name: 'node-1' } };
    expect(await client.create(PODS, 'default', binding, { subresource: 'binding' })).toMatchObject({ kind: 'Status', status: 'Success' });
    const bound = await client.get(PODS, 'default', 'p');
    expect((bound.spec as { nodeName: string }).nodeName).toBe('node-1');
    expect((bound.status as { conditions: { type: string; status: string }[] }).conditions).toContainEqual(expect.objectContaining({ type: 'PodScheduled', status: 'True' }));
    const again = await client.create(PODS, 'default', binding, { subresource: 'binding' }).catch((e: StatusError) => e.status);
    expect(again).toMatchObject({ code: 409, message: 'Operation cannot be fulfilled on pods/binding "p": pod p is already assigned to node "node-1"' });
  });
});
