// Log lines as the viewer keeps them (console-spec.md §3.3 Logs viewer). The stream is always
// requested with `timestamps=true` so that a reconnect can resume with `sinceTime` and drop the
// lines it already has; the "Timestamps" switch only changes what is shown.

export interface LogLine {
  /** RFC3339 timestamp the kubelet prefixed, '' when the line had none. */
  ts: string;
  text: string;
}

/** Most lines kept in the browser; older ones are dropped first. */
const MAX_LINES = 20_000;

const TS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))\s?(.*)$/;

export function parseLine(raw: string): LogLine {
  const m = TS.exec(raw);
  return m ? { ts: m[1], text: m[2] } : { ts: '', text: raw };
}

/** Splits a chunk of streamed text into complete lines, keeping the unfinished tail. */
export function splitChunk(carry: string, chunk: string): { lines: string[]; carry: string } {
  const text = carry + chunk;
  const parts = text.split('\n');
  const rest = parts.pop() ?? '';
  return { lines: parts.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)), carry: rest };
}

/**
 * Lines of a resumed stream (`sinceTime` = timestamp of our last line, second precision on the
 * server) that we do not have yet: drop everything up to and including our last line.
 */
export function dropAlreadySeen(have: readonly LogLine[], incoming: readonly LogLine[]): LogLine[] {
  const last = have[have.length - 1];
  if (!last || !last.ts) return [...incoming];
  const lastMs = Date.parse(last.ts);
  // How many lines with exactly the last timestamp we already hold (several per instant happen).
  let sameTs = 0;
  for (let i = have.length - 1; i >= 0 && have[i].ts === last.ts; i--) sameTs++;
  const out: LogLine[] = [];
  let skippedSame = 0;
  for (const l of incoming) {
    const ms = l.ts ? Date.parse(l.ts) : NaN;
    if (!Number.isNaN(ms) && ms < lastMs) continue;
    if (l.ts === last.ts && skippedSame < sameTs) {
      skippedSame++;
      continue;
    }
    out.push(l);
  }
  return out;
}

export function appendCapped(have: LogLine[], add: readonly LogLine[], max = MAX_LINES): LogLine[] {
  const next = have.concat(add);
  return next.length > max ? next.slice(next.length - max) : next;
}

/** Indexes of lines containing `query` (case-insensitive). */
export function findMatches(lines: readonly LogLine[], query: string): number[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (l.text.toLowerCase().includes(q)) out.push(i);
  });
  return out;
}

/** The text a download saves (`<pod>-<container>.log`). */
export function toText(lines: readonly LogLine[], withTimestamps: boolean): string {
  return lines.map((l) => (withTimestamps && l.ts ? `${l.ts} ${l.text}` : l.text)).join('\n') + (lines.length ? '\n' : '');
}
