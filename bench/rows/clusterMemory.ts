import type { BenchRow } from '../lib/types';
import { createNamespace, expectStatus, formatMB, runPool, startClusterProcess } from '../lib/cluster';

const BUDGET_BYTES = 400 * 1024 * 1024;
const OBJECTS = 50_000;
const NAMESPACES = 10;
/** Idle time before sampling, so the heap settles after the write burst (V8 GCs while idle). */
const SETTLE_MS = 3000;

/**
 * VmRSS of the `ordinal cluster` process holding 50,000 small ConfigMaps across 10 namespaces
 * (≤ 400 MB), sampled after an idle pause; the peak (VmHWM) is reported beside it.
 */
export const clusterMemory: BenchRow = {
  name: 'cluster: RSS holding 50,000 objects',
  async run() {
    const c = await startClusterProcess();
    try {
      const baseline = c.memory();
      for (let n = 0; n < NAMESPACES; n++) await createNamespace(c, `bench-mem-${n}`);
      let i = 0;
      const started = performance.now();
      await runPool(8, () => (i < OBJECTS ? i++ : undefined), async (k) => {
        const res = await c.request('POST', `/api/v1/namespaces/bench-mem-${k % NAMESPACES}/configmaps`, {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: `cm-${k}`, labels: { app: 'bench' } },
          data: { key: `value-${k}`, other: 'x'.repeat(64) },
        });
        expectStatus(res, 'create configmap', 201);
      });
      const fillMs = performance.now() - started;
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const rss = c.memory();
      const peak = c.memory('VmHWM');
      return {
        measured: formatMB(rss),
        budget: `≤ ${formatMB(BUDGET_BYTES)}`,
        pass: rss <= BUDGET_BYTES,
        note: `${OBJECTS} ConfigMaps in ${NAMESPACES} namespaces created in ${(fillMs / 1000).toFixed(1)} s; RSS at start ${formatMB(baseline)}, peak ${formatMB(peak)}`,
      };
    } finally {
      await c.stop();
    }
  },
};
