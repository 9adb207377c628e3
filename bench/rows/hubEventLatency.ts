// Watch event latency through the hub: a writer patches a ConfigMap 100 times a second straight
// on the embedded cluster; a browser-like WebSocket client subscribed through `ordinal serve`'s
// /ws hub records when each change arrives. Latency = arrival − the moment the write was sent.
// Budget: p95 ≤ 20 ms.
import https from 'node:https';
import WebSocket from 'ws';
import type { BenchRow } from '../lib/types';
import { clusterRequest, percentile, startBenchConsole } from './consoleBenchEnv';

const RATE_PER_S = 100;
const EVENTS = 1000;
const BUDGET_MS = 20;

interface EventsMessage {
  type: string;
  events?: { type: string; object: { metadata: { name?: string; annotations?: Record<string, string> } } }[];
}

export const hubEventLatency: BenchRow = {
  name: 'watch hub event latency @100/s (p95)',
  async run() {
    const c = await startBenchConsole();
    try {
      const created = await clusterRequest(c, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ticker' } });
      if (created.status !== 201) throw new Error(`create failed: ${created.status} ${created.body}`);
      const ws = new WebSocket(`${c.url.replace('http', 'ws')}/ws`, { headers: { Cookie: c.cookie, Origin: c.url } });
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      const sentAt = new Map<string, number>();
      const latencies: number[] = [];
      // The same watch straight from the cluster, to tell the hub's share from the API server's.
      const direct: number[] = [];
      const directReq = https.get(
        new URL('/api/v1/namespaces/default/configmaps?watch=true&fieldSelector=metadata.name%3Dticker', c.clusterUrl),
        { agent: c.clusterAgent, headers: { Authorization: `Bearer ${c.adminToken}` } },
        (res) => {
          let partial = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            const now = performance.now();
            const lines = (partial + chunk).split('\n');
            partial = lines.pop() ?? '';
            for (const l of lines) {
              const seq = (JSON.parse(l) as { object: { metadata: { annotations?: Record<string, string> } } }).object.metadata.annotations?.seq;
              const t = seq === undefined ? undefined : sentAt.get(seq);
              if (t !== undefined) direct.push(now - t);
            }
          });
        },
      );
      directReq.on('error', () => undefined);
      let synced!: () => void;
      const ready = new Promise<void>((r) => (synced = r));
      ws.on('message', (data) => {
        const now = performance.now();
        const m = JSON.parse(String(data)) as EventsMessage;
        if (m.type === 'sync') synced();
        for (const e of m.events ?? []) {
          const seq = e.object.metadata.annotations?.seq;
          const t = seq === undefined ? undefined : sentAt.get(seq);
          if (t !== undefined) latencies.push(now - t);
        }
      });
      ws.send(JSON.stringify({ type: 'subscribe', id: 'ticker', cluster: 'ordinal', group: '', version: 'v1', resource: 'configmaps', namespace: 'default', fieldSelector: 'metadata.name=ticker' }));
      await ready;
      const interval = 1000 / RATE_PER_S;
      const start = performance.now();
      const writes: Promise<unknown>[] = [];
      for (let i = 0; i < EVENTS; i++) {
        const due = start + i * interval;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        sentAt.set(String(i), performance.now());
        writes.push(clusterRequest(c, 'PATCH', '/api/v1/namespaces/default/configmaps/ticker', { metadata: { annotations: { seq: String(i) } } }, 'application/merge-patch+json'));
      }
      await Promise.all(writes);
      const deadline = performance.now() + 5000;
      while (latencies.length < EVENTS && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      ws.close();
      directReq.destroy();
      direct.sort((a, b) => a - b);
      if (latencies.length < EVENTS * 0.99) throw new Error(`only ${latencies.length} of ${EVENTS} events arrived`);
      latencies.sort((a, b) => a - b);
      const p95 = percentile(latencies, 95);
      return {
        measured: `${p95.toFixed(1)} ms`,
        budget: `≤ ${BUDGET_MS} ms`,
        pass: p95 <= BUDGET_MS,
        note: `${latencies.length} events at ${RATE_PER_S}/s: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms (write sent → event on the WebSocket); same events on a direct cluster watch: p50 ${percentile(direct, 50).toFixed(1)} ms, p95 ${percentile(direct, 95).toFixed(1)} ms`,
      };
    } finally {
      await c.stop();
    }
  },
};
