import type { BenchRow } from '../lib/types';
import { createNamespace, expectStatus, formatMB, median, runPool, startClusterProcess } from '../lib/cluster';

const BUDGET_MS = 300;
const PODS = 10_000;
const SAMPLES = 5;
const NS = 'bench-list';

/** A small pod the simulated scheduler leaves alone (other schedulerName), so nothing else writes. */
function pod(i: number): unknown {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${String(i).padStart(5, '0')}`, labels: { app: 'bench', shard: String(i % 10) } },
    spec: { schedulerName: 'bench-unscheduled', containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10' }] },
  };
}

/**
 * GET /api/v1/namespaces/<ns>/pods over 10,000 pods: time from sending the request to the last
 * byte of the response on a warm keep-alive connection, median of 5 (≤ 300 ms).
 */
export const clusterListPods: BenchRow = {
  name: 'cluster: LIST 10,000 pods',
  async run() {
    const c = await startClusterProcess();
    try {
      await createNamespace(c, NS);
      const path = `/api/v1/namespaces/${NS}/pods`;
      let i = 0;
      const fillStarted = performance.now();
      await runPool(8, () => (i < PODS ? i++ : undefined), async (n) => {
        expectStatus(await c.request('POST', path, pod(n)), 'create pod', 201);
      });
      const fillMs = performance.now() - fillStarted;
      const first = expectStatus(await c.request('GET', path), 'list pods', 200); // warm-up, also checks the count
      const items = (JSON.parse(first.body.toString('utf8')) as { items: unknown[] }).items.length;
      if (items !== PODS) throw new Error(`list returned ${items} pods, expected ${PODS}`);
      const samples: number[] = [];
      await c.timedGet(path); // a second warm-up: the first list also parsed 23 MB here
      const cpu0 = c.cpuMs();
      for (let k = 0; k < SAMPLES; k++) {
        const res = await c.timedGet(path);
        if (res.status !== 200 || res.bytes < first.body.length * 0.9) throw new Error(`list pods: HTTP ${res.status}, ${res.bytes} bytes`);
        samples.push(res.ms);
      }
      const cpuPerList = (c.cpuMs() - cpu0) / SAMPLES;
      const med = median(samples);
      return {
        measured: `${Math.round(med)} ms`,
        budget: `≤ ${BUDGET_MS} ms`,
        pass: med <= BUDGET_MS,
        note:
          `median of ${SAMPLES}: ${samples.map((s) => Math.round(s)).join(', ')} ms for ${formatMB(first.body.length)} of JSON; ` +
          `server CPU ${Math.round(cpuPerList)} ms/list; ${PODS} pods created in ${(fillMs / 1000).toFixed(1)} s`,
      };
    } finally {
      await c.stop();
    }
  },
};
