import type { BenchRow } from '../lib/types';
import { clientCpuMs, createNamespace, expectStatus, runPool, startClusterProcess, type WatchStream } from '../lib/cluster';

const WATCHERS = 100;
const CHANGES = 10_000;
const WRITERS = 8;
const NS = 'bench-watch';
const PREFIX = 'w-';
/** Upper bound for the whole row once the writes are done. */
const DELIVERY_TIMEOUT_MS = 120_000;

interface Watcher {
  rvs: bigint[];
  types: Map<string, number>;
  /** Events for objects the writer did not make (e.g. a root-CA ConfigMap published later). */
  foreign: number;
  outOfOrder: number;
  last: bigint;
  errors: string[];
}

/**
 * 100 watch streams on configmaps in one namespace, all from the same resourceVersion; a
 * writer makes 10,000 changes (5,000 creates, then 5,000 merge patches of those objects).
 * Every watcher must receive exactly the writer's changes, in strictly increasing
 * resourceVersion order compared as BigInt (resourceVersions are opaque decimal strings).
 */
export const clusterWatchers: BenchRow = {
  name: 'cluster: 100 watchers × 10,000 events',
  async run() {
    const c = await startClusterProcess();
    const watchers: Watcher[] = [];
    const streams: WatchStream[] = [];
    try {
      await createNamespace(c, NS);
      const path = `/api/v1/namespaces/${NS}/configmaps`;
      // Let anything a controller adds to a new namespace land before the starting revision.
      await new Promise((r) => setTimeout(r, 500));
      const list = JSON.parse(expectStatus(await c.request('GET', `${path}?limit=1`), 'list', 200).body.toString('utf8')) as {
        metadata: { resourceVersion: string };
      };
      const startRv = list.metadata.resourceVersion;
      let allSeen: () => void = () => {};
      const done = new Promise<void>((r) => (allSeen = r));
      let complete = 0;
      let endedEarly = 0;
      // A stream the server ends before its 10,000th event can never complete: stop waiting then.
      const settle = (): void => {
        if (complete + endedEarly === WATCHERS) allSeen();
      };
      for (let i = 0; i < WATCHERS; i++) {
        const w: Watcher = { rvs: [], types: new Map(), foreign: 0, outOfOrder: 0, last: BigInt(startRv), errors: [] };
        const stream = c.watch(`${path}?watch=1&resourceVersion=${startRv}&timeoutSeconds=600`, (line) => {
          const ev = JSON.parse(line) as { type: string; object: { metadata?: { name?: string; resourceVersion?: string } } };
          if (ev.type === 'ERROR' || ev.type === 'BOOKMARK') {
            if (ev.type === 'ERROR') w.errors.push(line.slice(0, 200));
            return;
          }
          if (!ev.object.metadata?.name?.startsWith(PREFIX)) {
            w.foreign++;
            return;
          }
          const rv = BigInt(ev.object.metadata.resourceVersion ?? '0');
          if (rv <= w.last) w.outOfOrder++;
          w.last = rv;
          w.rvs.push(rv);
          w.types.set(ev.type, (w.types.get(ev.type) ?? 0) + 1);
          if (w.rvs.length === CHANGES) {
            complete++;
            settle();
          }
        });
        void stream.ended.then(() => {
          if (w.rvs.length < CHANGES) {
            w.errors.push('stream ended early');
            endedEarly++;
            settle();
          }
        });
        watchers.push(w);
        streams.push(stream);
      }
      await Promise.all(streams.map((s) => s.ready));

      const started = performance.now();
      const cpu0 = c.cpuMs();
      const client0 = process.cpuUsage();
      const written: bigint[] = [];
      const rvOf = (body: Buffer): bigint => BigInt((JSON.parse(body.toString('utf8')) as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
      const half = CHANGES / 2;
      let i = 0;
      await runPool(WRITERS, () => (i < half ? i++ : undefined), async (n) => {
        const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${PREFIX}${n}` }, data: { v: '1' } };
        written.push(rvOf(expectStatus(await c.request('POST', path, body), 'create', 201).body));
      });
      let j = 0;
      await runPool(WRITERS, () => (j < half ? j++ : undefined), async (n) => {
        const res = await c.request('PATCH', `${path}/${PREFIX}${n}`, { data: { v: '2' } }, 'application/merge-patch+json');
        written.push(rvOf(expectStatus(res, 'patch', 200).body));
      });
      const writtenMs = performance.now() - started;
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), DELIVERY_TIMEOUT_MS).unref());
      const outcome = await Promise.race([done.then(() => (endedEarly ? ('ended early' as const) : ('ok' as const))), timeout]);
      const deliveredMs = performance.now() - started;
      const cpu = c.cpuMs() - cpu0;
      const clientCpu = clientCpuMs(client0);
      // Let a duplicate or stray event after the 10,000th show up before judging.
      await new Promise((r) => setTimeout(r, 300));

      written.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      let delivered = 0;
      let exact = 0;
      const problems: string[] = [];
      for (const [k, w] of watchers.entries()) {
        delivered += Math.min(w.rvs.length, CHANGES);
        const same = w.rvs.length === written.length && w.rvs.every((rv, idx) => rv === written[idx]);
        if (same && w.outOfOrder === 0 && !w.errors.length) exact++;
        else if (problems.length < 3) {
          problems.push(`watcher ${k}: ${w.rvs.length} events, ${w.outOfOrder} out of order${w.errors.length ? `, error ${w.errors[0]}` : ''}`);
        }
      }
      const expected = WATCHERS * CHANGES;
      const foreign = watchers.reduce((n, w) => n + w.foreign, 0);
      const t0 = watchers[0].types;
      return {
        measured: `${delivered}/${expected}`,
        budget: `all ${expected} in order`,
        pass: exact === WATCHERS && outcome === 'ok',
        note:
          `${exact}/${WATCHERS} watchers saw exactly the ${CHANGES} written resourceVersions in order ` +
          `(ADDED ${t0.get('ADDED') ?? 0}, MODIFIED ${t0.get('MODIFIED') ?? 0} each); writes took ${(writtenMs / 1000).toFixed(2)} s, ` +
          `all delivered after ${(deliveredMs / 1000).toFixed(2)} s${outcome === 'ok' ? '' : ` (${outcome.toUpperCase()})`}; ` +
          `CPU: server ${(cpu / 1000).toFixed(2)} s, bench client ${(clientCpu / 1000).toFixed(2)} s` +
          (foreign ? `; ${foreign} events for other objects ignored` : '') +
          (problems.length ? `; ${problems.join('; ')}` : ''),
      };
    } finally {
      for (const s of streams) s.close();
      await c.stop();
    }
  },
};
