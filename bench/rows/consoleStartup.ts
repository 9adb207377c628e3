import type { BenchRow } from '../lib/types';
import { serveConsole } from '../lib/serve';

const BUDGET_MS = 3000;

/** Time from spawning `ordinal serve` to its first 200 on `/` (the README promises ≤ 3 s once built). */
export const consoleStartup: BenchRow = {
  name: 'ordinal serve start → first 200 on /',
  async run() {
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const served = await serveConsole(['--seed', 'none']);
      samples.push(served.startupMs);
      await served.stop();
    }
    samples.sort((a, b) => a - b);
    const median = samples[1];
    return {
      measured: `${Math.round(median)} ms`,
      budget: `≤ ${BUDGET_MS} ms`,
      pass: median <= BUDGET_MS,
      note: `median of 3 starts: ${samples.map((s) => Math.round(s)).join(', ')} ms`,
    };
  },
};
