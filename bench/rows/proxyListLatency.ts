// GET list of 1,000 pods through Ordinal's proxy vs through `kubectl proxy`, both in front of
// the same embedded cluster, requests interleaved so both see the same cluster state and load.
// Budget: p50 and p95 each within 1.15× of kubectl proxy.
import http from 'node:http';
import type { BenchRow } from '../lib/types';
import { clusterRequest, percentile, startBenchConsole, startKubectlProxy, timedGet } from './consoleBenchEnv';

const PODS = 1000;
const WARMUP = 10;
const SAMPLES = 100;
const MAX_RATIO = 1.15;

export const proxyListLatency: BenchRow = {
  name: 'proxy GET 1,000 pods vs kubectl proxy',
  async run() {
    const c = await startBenchConsole();
    const kp = await startKubectlProxy(c.kubeconfigPath).catch(async (e: unknown) => {
      await c.stop();
      throw e;
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await clusterRequest(c, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } });
      for (let i = 0; i < PODS; i += 25) {
        await Promise.all(
          Array.from({ length: Math.min(25, PODS - i) }, (_, j) =>
            clusterRequest(c, 'POST', '/api/v1/namespaces/bench/pods', {
              apiVersion: 'v1',
              kind: 'Pod',
              metadata: { name: `p-${i + j}`, labels: { app: 'bench' } },
              spec: { containers: [{ name: 'app', image: 'registry.example/app:1', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
            }),
          ),
        );
      }
      // Let scheduling and the simulated kubelet settle, so that both sides list the same, quiet state.
      // (The console runs the embedded cluster in-process, as `ordinal serve` does: simulation work
      // competes with the proxy, so the bench runs at --speed 1 like a user's console.)
      await new Promise((r) => setTimeout(r, 4000));
      const ours = `${c.url}/clusters/ordinal/api/v1/namespaces/bench/pods`;
      const theirs = `${kp.url}/api/v1/namespaces/bench/pods`;
      const oursHeaders = { Accept: 'application/json', Cookie: c.cookie };
      const theirHeaders = { Accept: 'application/json' };
      const first = await timedGet(agent, ours, oursHeaders);
      const check = await timedGet(agent, theirs, theirHeaders);
      if (first.status !== 200 || check.status !== 200) throw new Error(`list failed: ordinal ${first.status}, kubectl proxy ${check.status}`);
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < WARMUP + SAMPLES; i++) {
        // Alternate which goes first so neither profits from the other's warm caches.
        let mine: number;
        let ref: number;
        if (i % 2 === 0) {
          mine = (await timedGet(agent, ours, oursHeaders)).ms;
          ref = (await timedGet(agent, theirs, theirHeaders)).ms;
        } else {
          ref = (await timedGet(agent, theirs, theirHeaders)).ms;
          mine = (await timedGet(agent, ours, oursHeaders)).ms;
        }
        if (i >= WARMUP) {
          a.push(mine);
          b.push(ref);
        }
      }
      a.sort((x, y) => x - y);
      b.sort((x, y) => x - y);
      const r50 = percentile(a, 50) / percentile(b, 50);
      const r95 = percentile(a, 95) / percentile(b, 95);
      return {
        measured: `${r50.toFixed(2)}× / ${r95.toFixed(2)}×`,
        budget: `p50 & p95 ≤ ${MAX_RATIO}× kubectl proxy`,
        pass: r50 <= MAX_RATIO && r95 <= MAX_RATIO,
        note: `${SAMPLES} interleaved lists of ${PODS} pods (${(first.bytes / 1e6).toFixed(1)} MB): ordinal p50 ${percentile(a, 50).toFixed(1)} ms p95 ${percentile(a, 95).toFixed(1)} ms; kubectl proxy p50 ${percentile(b, 50).toFixed(1)} ms p95 ${percentile(b, 95).toFixed(1)} ms`,
      };
    } finally {
      agent.destroy();
      await kp.stop();
      await c.stop();
    }
  },
};
