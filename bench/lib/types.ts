/** One budget of `npm run bench`: a measurement and the limit it must stay within. */
export interface BenchResult {
  /** What was measured, already formatted with its unit ("212.4 kB"). */
  measured: string;
  /** The budget, formatted the same way ("≤ 300 kB"). */
  budget: string;
  pass: boolean;
  /** Extra context printed under the table (ratios, sample counts). */
  note?: string;
}

export interface BenchRow {
  name: string;
  run(): Promise<BenchResult>;
}
