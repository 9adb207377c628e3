// Simulation bench rows (issue "Simulated cluster behaviour"): 1,000 StatefulSets × 3 replicas
// driven to Ready by the in-process controllers of `ordinal cluster --speed 50`, then the
// steady-state CPU of that process while nothing changes. Both rows share one run.
import type { BenchResult, BenchRow } from '../lib/types';
import { createNamespace, expectStatus, formatMB, runPool, startClusterProcess, type ClusterProcess } from '../lib/cluster';

const SETS = 1000;
const REPLICAS = 3;
const NAMESPACES = 10;
const SPEED = 50;
const READY_BUDGET_MS = 120_000;
const CPU_BUDGET_PERCENT = 5;
/** Pause after the last set turned Ready so trailing status writes and events are over. */
const SETTLE_MS = 5000;
const SAMPLE_MS = 20_000;

interface Measurement {
  readyMs: number;
  cpuPercent: number;
  note: string;
}

function statefulSet(i: number): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: `sim-${i}` },
    spec: {
      serviceName: `sim-${i}`,
      replicas: REPLICAS,
      selector: { matchLabels: { app: `sim-${i}` } },
      template: { metadata: { labels: { app: `sim-${i}` } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
    },
  };
}

async function readySets(c: ClusterProcess): Promise<number> {
  const res = expectStatus(await c.request('GET', '/apis/apps/v1/statefulsets'), 'list statefulsets', 200);
  const list = JSON.parse(res.body.toString('utf8')) as { items: { status?: { readyReplicas?: number } }[] };
  return list.items.filter((s) => s.status?.readyReplicas === REPLICAS).length;
}

async function measure(): Promise<Measurement> {
  // bench/lib/cluster.ts has no way to pass CLI flags; a preloaded data: module appends
  // `--speed 50` to the child's argv before bin/ordinal.mjs parses it.
  const c = await startClusterProcess({ nodeArgs: ['--import', `data:text/javascript,process.argv.push("--speed","${SPEED}")`] });
  try {
    for (let n = 0; n < NAMESPACES; n++) await createNamespace(c, `bench-sim-${n}`);
    const started = performance.now();
    let i = 0;
    await runPool(8, () => (i < SETS ? i++ : undefined), async (k) => {
      const res = await c.request('POST', `/apis/apps/v1/namespaces/bench-sim-${k % NAMESPACES}/statefulsets`, statefulSet(k));
      expectStatus(res, 'create statefulset', 201);
    });
    const createdMs = performance.now() - started;
    let ready = 0;
    while (ready < SETS && performance.now() - started < READY_BUDGET_MS * 2) {
      await new Promise((r) => setTimeout(r, 2000));
      ready = await readySets(c);
    }
    const readyMs = performance.now() - started;
    if (ready < SETS) throw new Error(`only ${ready}/${SETS} StatefulSets Ready after ${(readyMs / 1000).toFixed(0)} s`);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const cpu0 = c.cpuMs();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, SAMPLE_MS));
    const cpuPercent = ((c.cpuMs() - cpu0) / (performance.now() - t0)) * 100;
    return {
      readyMs,
      cpuPercent,
      note: `${SETS} sets × ${REPLICAS} replicas in ${NAMESPACES} namespaces (POSTs took ${(createdMs / 1000).toFixed(1)} s); RSS ${formatMB(c.memory())}, peak ${formatMB(c.memory('VmHWM'))}; CPU sampled over ${SAMPLE_MS / 1000} s after ${SETTLE_MS / 1000} s idle`,
    };
  } finally {
    await c.stop();
  }
}

let shared: Promise<Measurement> | undefined;
const once = (): Promise<Measurement> => (shared ??= measure());

export const simulationReady: BenchRow = {
  name: 'simulation: 1,000×3 pods Ready (speed 50)',
  async run(): Promise<BenchResult> {
    const m = await once();
    return { measured: `${(m.readyMs / 1000).toFixed(1)} s`, budget: `≤ ${READY_BUDGET_MS / 1000} s`, pass: m.readyMs <= READY_BUDGET_MS, note: m.note };
  },
};

export const simulationSteadyCpu: BenchRow = {
  name: 'simulation: steady CPU, 1,000×3 Ready',
  async run(): Promise<BenchResult> {
    const m = await once();
    return { measured: `${m.cpuPercent.toFixed(2)} % core`, budget: `< ${CPU_BUDGET_PERCENT} % of one core`, pass: m.cpuPercent < CPU_BUDGET_PERCENT };
  },
};
