import type { BenchRow } from '../lib/types';
import { clientCpuMs, createNamespace, expectStatus, percentile, startClusterProcess } from '../lib/cluster';

const BUDGET_PER_S = 2000;
const CLIENTS = 8;
const DURATION_MS = 5000;
const NS = 'bench-creates';

/**
 * Sustained POST /api/v1/namespaces/<ns>/configmaps from 8 keep-alive HTTP/1.1 clients for 5 s
 * into a fresh `ordinal cluster` (issue "Embedded Kubernetes API server", bench: ≥ 2,000/s).
 */
export const clusterCreates: BenchRow = {
  name: 'cluster: sustained creates (8 clients)',
  async run() {
    const c = await startClusterProcess();
    try {
      await createNamespace(c, NS);
      const path = `/api/v1/namespaces/${NS}/configmaps`;
      // Warm-up: JIT and TLS sessions before the clock starts (not counted).
      for (let i = 0; i < 200; i++) {
        expectStatus(await c.request('POST', path, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `warm-${i}` }, data: { k: 'v' } }), 'warm-up create', 201);
      }
      const latencies: number[] = [];
      let failures = 0;
      let firstFailure = '';
      let seq = 0;
      const cpu0 = c.cpuMs();
      const client0 = process.cpuUsage();
      const started = performance.now();
      const deadline = started + DURATION_MS;
      const client = async (id: number): Promise<void> => {
        while (performance.now() < deadline) {
          const name = `cm-${id}-${seq++}`;
          const res = await c.request('POST', path, {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name, labels: { app: 'bench', client: String(id) } },
            data: { key: `value-${name}` },
          });
          if (res.status === 201) latencies.push(res.ms);
          else if (failures++ === 0) firstFailure = `HTTP ${res.status} ${res.body.toString('utf8').slice(0, 200)}`;
        }
      };
      await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
      const elapsed = performance.now() - started;
      const cpu = c.cpuMs() - cpu0;
      const clientCpu = clientCpuMs(client0);
      latencies.sort((a, b) => a - b);
      const rate = latencies.length / (elapsed / 1000);
      const p95 = percentile(latencies, 95);
      const p50 = percentile(latencies, 50);
      return {
        measured: `${Math.round(rate)}/s`,
        budget: `≥ ${BUDGET_PER_S}/s`,
        pass: rate >= BUDGET_PER_S && failures === 0,
        note:
          `${latencies.length} creates in ${(elapsed / 1000).toFixed(2)} s; latency p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; ` +
          `server CPU ${(cpu / latencies.length).toFixed(3)} ms/create (${Math.round((cpu / elapsed) * 100)}% of one core, ` +
          `so ≈ ${Math.round(latencies.length / (cpu / 1000))}/s if it had a core to itself), ` +
          `bench client ${Math.round((clientCpu / elapsed) * 100)}% of one core` +
          (failures ? `; ${failures} failed, first: ${firstFailure}` : ''),
      };
    } finally {
      await c.stop();
    }
  },
};
