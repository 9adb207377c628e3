// Durability (architecture.md §2): every write acknowledged with 2xx survives `kill -9`, and
// resourceVersions continue upward after the restart.
import { afterAll, describe, expect, it } from 'vitest';
import { TestCluster } from './harness';

const c = new TestCluster();

afterAll(async () => {
  await c.stop('SIGKILL');
  c.cleanup();
});

describe('kill -9 during a write load', () => {
  it('keeps every acknowledged write and continues resourceVersions', async () => {
    await c.start();
    const acked = new Map<string, string>();
    let stop = false;
    let maxRv = 0;
    // 8 concurrent writers create and update ConfigMaps until the server dies under them.
    const writer = async (w: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        const name = `w${w}-${i}`;
        try {
          const r = await c.api('POST', '/api/v1/namespaces/default/configmaps', {
            body: JSON.stringify({ metadata: { name }, data: { v: '1' } }),
            timeoutMs: 5000,
          });
          if (r.status !== 201) continue;
          const created = r.json<{ metadata: { resourceVersion: string } }>();
          acked.set(name, '1');
          maxRv = Math.max(maxRv, Number(created.metadata.resourceVersion));
          const u = await c.api('PATCH', `/api/v1/namespaces/default/configmaps/${name}`, {
            body: JSON.stringify({ data: { v: '2' } }),
            headers: { 'content-type': 'application/merge-patch+json' },
            timeoutMs: 5000,
          });
          if (u.status === 200) {
            acked.set(name, '2');
            maxRv = Math.max(maxRv, Number(u.json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion));
          }
        } catch {
          return; // connection refused/reset: the server is gone
        }
      }
    };
    const writers = Array.from({ length: 8 }, (_, w) => writer(w));
    await new Promise((r) => setTimeout(r, 1500));
    await c.stop('SIGKILL');
    stop = true;
    await Promise.all(writers);
    expect(acked.size).toBeGreaterThan(50);

    await c.start();
    const list = (await c.api('GET', '/api/v1/namespaces/default/configmaps')).json<{
      metadata: { resourceVersion: string };
      items: { metadata: { name: string }; data?: { v?: string } }[];
    }>();
    const stored = new Map(list.items.map((i) => [i.metadata.name, i.data?.v]));
    const lost = [...acked].filter(([name, v]) => !stored.has(name) || Number(stored.get(name)) < Number(v));
    expect(lost).toEqual([]);
    expect(Number(list.metadata.resourceVersion)).toBeGreaterThanOrEqual(maxRv);
    const next = await c.api('POST', '/api/v1/namespaces/default/configmaps', { body: JSON.stringify({ metadata: { name: 'after-restart' } }) });
    expect(Number(next.json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion)).toBeGreaterThan(maxRv);
  }, 120_000);
});
