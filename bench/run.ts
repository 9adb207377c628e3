// `npm run bench`: every performance budget as one table row (name, measured, budget,
// pass/fail). Exits non-zero when a budget fails. Rows run one after another so they do not
// disturb each other on a 2-core machine; comparisons are measured as ratios in one run.
import type { BenchResult, BenchRow } from './lib/types';
import { firstRouteJs } from './rows/firstRouteJs';
import { consoleStartup } from './rows/consoleStartup';
import { clusterCreates } from './rows/clusterCreates';
import { clusterWatchers } from './rows/clusterWatchers';
import { clusterListPods } from './rows/clusterListPods';
import { clusterMemory } from './rows/clusterMemory';
import { proxyListLatency } from './rows/proxyListLatency';
import { hubEventLatency } from './rows/hubEventLatency';
import { simulationReady, simulationSteadyCpu } from './rows/simulation';
import { uiList10kRows } from './rows/uiList10k';

const ROWS: BenchRow[] = [
  firstRouteJs,
  consoleStartup,
  clusterCreates,
  clusterWatchers,
  clusterListPods,
  clusterMemory,
  proxyListLatency,
  hubEventLatency,
  simulationReady,
  simulationSteadyCpu,
  ...uiList10kRows,
];

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const rows = only.length ? ROWS.filter((r) => only.some((o) => r.name.includes(o))) : ROWS;
  const results: [BenchRow, BenchResult][] = [];
  for (const row of rows) {
    process.stderr.write(`bench: ${row.name}…\n`);
    try {
      results.push([row, await row.run()]);
    } catch (err) {
      results.push([row, { measured: 'error', budget: '', pass: false, note: (err as Error).message }]);
    }
  }
  const widths = [44, 16, 36];
  const out = [`${pad('budget', widths[0])}${pad('measured', widths[1])}${pad('limit', widths[2])}result`];
  for (const [row, r] of results) {
    out.push(`${pad(row.name, widths[0])}${pad(r.measured, widths[1])}${pad(r.budget, widths[2])}${r.pass ? 'pass' : 'FAIL'}`);
  }
  for (const [row, r] of results) if (r.note) out.push(`  ${row.name}: ${r.note}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return results.every(([, r]) => r.pass) ? 0 : 1;
}

process.exitCode = await main();
