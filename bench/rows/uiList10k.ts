// The StatefulSet list with 10,000 StatefulSets in one namespace, in real Chromium against the
// built `ordinal serve`: time to the first rows, JS heap and DOM size with all 10,000 rows in
// the virtualized "All" view (ResourceTable virtualizes above 200 rows), and watch event → DOM
// latency while one visible row's display name is patched 100 times a second.
// One measurement (10,000 POSTs take a while) feeds all four rows.
import type { BenchResult, BenchRow } from '../lib/types';
import { formatMB, percentile } from '../lib/cluster';
import { createNamespace, createStatefulSets, launchChromium, signIn, startUiConsole, type UiConsole } from '../lib/uiEnv';
import { cellRecord, installProbes, observeCell, pageStats } from '../lib/uiPageProbes';
import { loadavg } from 'node:os';

const NS = 'bench10k';
const SETS = 10_000;
const CONCURRENCY = 8;
const PATCHES = 500; // 5 s at 100/s
const INTERVAL_MS = 10;
const DISPLAY_NAME = 'ordinal.dev/display-name';
const BUDGET = { firstRowsMs: 1500, heapMB: 60, domNodes: 2000, p95Ms: 100 };

interface Latencies {
  p50: number;
  p95: number;
  n: number;
}

interface Measurement {
  createMs: number;
  quietMs: number;
  firstRowsMs: number;
  firstListMs: number;
  firstListAskedMs: number;
  domContentLoadedMs: number;
  allRowsMs: number;
  heapBytes: number;
  perfMemoryBytes: number;
  domNodes: number;
  rowsInDom: number;
  watchToDom: Latencies;
  responseToDom: Latencies;
  sendToDom: Latencies;
  /** PATCH send → response in the page. */
  roundTrip: Latencies;
  /** Marked watch messages per second as the page received them. */
  eventRate: number;
  coalesced: number;
  patchErrors: string[];
  /** 1-minute load average when the page loaded (the machine is shared). */
  load: string;
}

function stats(samples: number[]): Latencies {
  const s = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), n: s.length };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const wallNow = () => performance.timeOrigin + performance.now();

/**
 * Patches the display-name annotation to `bench-mark-<i>` every INTERVAL_MS straight to the
 * cluster as its admin (another actor changing the cluster while the user watches), without
 * waiting for answers, so the rate holds however long one PATCH takes. Wall-clock times.
 */
async function pacedPatches(c: UiConsole, path: string): Promise<{ sent: number[]; answered: number[]; errors: string[] }> {
  const sent: number[] = [];
  const answered: number[] = [];
  const errors: string[] = [];
  const inflight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < PATCHES; i++) {
    const wait = start + i * INTERVAL_MS - performance.now();
    if (wait > 0) await sleep(wait);
    sent[i] = wallNow();
    const body = { metadata: { annotations: { [DISPLAY_NAME]: `bench-mark-${i}` } } };
    inflight.push(
      c.cluster('PATCH', path, body, 'application/merge-patch+json').then(
        (res) => {
          answered[i] = wallNow();
          if (res.status !== 200) errors.push(`patch ${i}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
        },
        (e: unknown) => void errors.push(`patch ${i}: ${(e as Error).message}`),
      ),
    );
  }
  await Promise.all(inflight);
  return { sent, answered, errors };
}

const fmt = (l: Latencies) => `p50 ${l.p50.toFixed(1)} ms / p95 ${l.p95.toFixed(1)} ms (n=${l.n})`;

async function measure(): Promise<Measurement> {
  const c = await startUiConsole();
  const browser = await launchChromium().catch(async (e: unknown) => {
    await c.stop();
    throw e;
  });
  try {
    await createNamespace(c, NS);
    const t0 = performance.now();
    await createStatefulSets(c, NS, 'sts', SETS, CONCURRENCY, 0);
    const createMs = performance.now() - t0;
    // Let the simulated controllers write the 10,000 first statuses before the page lists.
    const quietMs = await c.waitQuiet(0.2, 30_000);

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const login = await context.newPage();
    await signIn(login, c, '/');
    await login.close();
    const page = await context.newPage();
    await page.addInitScript(installProbes);
    await page.goto(`${c.url}/ns/${NS}/statefulsets?size=all`, { timeout: 60_000 });
    await page.locator('[role="row"][data-row-key]').first().waitFor({ timeout: 30_000 });
    await page.locator(`[data-testid="sts-table"][aria-rowcount="${SETS + 1}"]`).waitFor({ timeout: 60_000 });
    const loaded = await page.evaluate(pageStats);
    const load = loadavg()[0].toFixed(1);
    // ORDINAL_BENCH_VERBOSE=1: the requests before the first rows, to see what they waited for.
    if (process.env.ORDINAL_BENCH_VERBOSE) process.stderr.write(`first-rows waterfall (ms from navigation):\n  ${loaded.waterfall.join('\n  ')}\n`);
    await page.locator('[data-testid="live-indicator"][data-status="live"]').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(2000);

    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const dom = await page.evaluate(pageStats);

    // The top row of the list is in view: patch its display name (shown under the name).
    const rowKey = dom.topRowKey;
    if (!rowKey) throw new Error('no row key');
    const name = rowKey.slice(rowKey.indexOf('/') + 1);
    await page.evaluate(observeCell, rowKey);
    const p = await pacedPatches(c, `/apis/apps/v1/namespaces/${NS}/statefulsets/${name}`);
    let rec = await page.evaluate(cellRecord);
    for (const deadline = Date.now() + 5000; rec.last !== PATCHES - 1 && Date.now() < deadline; rec = await page.evaluate(cellRecord)) await sleep(50);
    const wsMark = (i: number) => rec.wsMark[i] ?? NaN;
    // Mark i counts as shown when it or any later mark first reached the DOM (100 events/s are
    // more than one render apart, so a render often carries several at once).
    const shown: number[] = new Array<number>(PATCHES).fill(NaN);
    for (let i = PATCHES - 1, next = NaN; i >= 0; i--) {
      const t = rec.shown[i];
      if (t !== undefined && !(t >= next)) next = t;
      shown[i] = next;
    }
    const idx = [...Array(PATCHES).keys()].filter((i) => Number.isFinite(shown[i]));
    // The page's and the bench's clocks meet on the wall clock (same machine: ~1 ms).
    const wall = (i: number) => rec.timeOrigin + shown[i];
    const arrivals = Object.values(rec.wsMark).sort((x, y) => x - y);
    const notShown = PATCHES - idx.length;
    return {
      createMs,
      quietMs,
      firstRowsMs: loaded.firstRow,
      firstListMs: loaded.firstListAnswered,
      firstListAskedMs: loaded.firstListAsked,
      domContentLoadedMs: loaded.domContentLoaded,
      allRowsMs: loaded.now,
      heapBytes: heap.usedSize,
      perfMemoryBytes: dom.usedJSHeapSize,
      domNodes: dom.domNodes,
      rowsInDom: dom.rowsInDom,
      watchToDom: stats(idx.map((i) => shown[i] - wsMark(i))),
      responseToDom: stats(idx.map((i) => wall(i) - p.answered[i])),
      sendToDom: stats(idx.map((i) => wall(i) - p.sent[i])),
      roundTrip: stats(idx.map((i) => p.answered[i] - p.sent[i])),
      eventRate: arrivals.length > 1 ? ((arrivals.length - 1) * 1000) / (arrivals[arrivals.length - 1] - arrivals[0]) : NaN,
      coalesced: idx.filter((i) => rec.shown[i] === undefined).length,
      load,
      patchErrors: p.errors.concat(notShown ? [`${notShown} marks never shown`] : []),
    };
  } finally {
    await browser.close();
    await c.stop();
  }
}

let shared: Promise<Measurement> | undefined;
const once = (): Promise<Measurement> => (shared ??= measure());

const setup = (m: Measurement) =>
  `${SETS} StatefulSets (replicas 0) POSTed in ${(m.createMs / 1000).toFixed(1)} s at concurrency ${CONCURRENCY}, server quiet after ${(m.quietMs / 1000).toFixed(0)} s more; list page ?size=all`;

const uiList10kFirstRows: BenchRow = {
  name: 'SPA, 10,000 StatefulSets: first rows',
  async run(): Promise<BenchResult> {
    const m = await once();
    return {
      measured: `${Math.round(m.firstRowsMs)} ms`,
      budget: `≤ ${BUDGET.firstRowsMs} ms from navigation`,
      pass: m.firstRowsMs <= BUDGET.firstRowsMs,
      note: `${setup(m)}; DOMContentLoaded at ${Math.round(m.domContentLoadedMs)} ms, first LIST chunk (limit 500) asked at ${Math.round(m.firstListAskedMs)} ms and answered at ${Math.round(m.firstListMs)} ms, all ${SETS} rows listed by ${Math.round(m.allRowsMs)} ms; load average ${m.load}`,
    };
  },
};

const uiList10kHeap: BenchRow = {
  name: 'SPA, 10,000 StatefulSets: JS heap',
  async run(): Promise<BenchResult> {
    const m = await once();
    return {
      measured: formatMB(m.heapBytes),
      budget: `≤ ${BUDGET.heapMB} MB after GC`,
      pass: m.heapBytes <= BUDGET.heapMB * 1024 * 1024,
      note: `CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage; performance.memory.usedJSHeapSize ${formatMB(m.perfMemoryBytes)}`,
    };
  },
};

const uiList10kDom: BenchRow = {
  name: 'SPA, 10,000 StatefulSets: DOM nodes',
  async run(): Promise<BenchResult> {
    const m = await once();
    return {
      measured: String(m.domNodes),
      budget: `≤ ${BUDGET.domNodes} elements`,
      pass: m.domNodes <= BUDGET.domNodes,
      note: `${m.rowsInDom} of ${SETS} rows in the DOM (virtualized, 1280×800 viewport)`,
    };
  },
};

const uiList10kWatch: BenchRow = {
  name: 'SPA, 10,000 StatefulSets: watch → DOM p95',
  async run(): Promise<BenchResult> {
    const m = await once();
    const l = m.watchToDom;
    return {
      measured: `${l.p95.toFixed(1)} ms`,
      budget: `≤ ${BUDGET.p95Ms} ms at 100 events/s`,
      pass: l.p95 <= BUDGET.p95Ms && m.patchErrors.length === 0,
      note:
        `${PATCHES} display-name patches at ${1000 / INTERVAL_MS}/s to the cluster API on the top row; watch message (hub WebSocket) → DOM ${fmt(l)}; ` +
        `watch events arrived at ${m.eventRate.toFixed(0)}/s; PATCH round trip ${fmt(m.roundTrip)}; PATCH response → DOM ${fmt(m.responseToDom)}; send → DOM ${fmt(m.sendToDom)}; ` +
        `${m.coalesced} values replaced by a newer one in the same render; load average ${m.load}` +
        `${m.patchErrors.length ? `; errors: ${m.patchErrors.slice(0, 3).join('; ')}` : ''}`,
    };
  },
};

export const uiList10kRows: BenchRow[] = [uiList10kFirstRows, uiList10kHeap, uiList10kDom, uiList10kWatch];
