// Code that runs inside the page (serialised by Playwright, so each function is self-contained):
// probes installed before the SPA loads (first row, watch messages) and the display-name cell
// recorder of the watch-latency row. Watch message and DOM times are both the page's
// performance.now(), so watch → DOM needs no clock alignment.

// The bench compiles without the DOM lib (tsconfig.node.json): the little of it these functions
// use, declared for this module only.
interface DomElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
}
declare const document: {
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): { length: number };
  getElementsByTagName(tag: string): { length: number };
};
declare const MutationObserver: new (callback: () => void) => {
  observe(target: unknown, options: { childList?: boolean; subtree?: boolean; characterData?: boolean }): void;
  disconnect(): void;
};
declare function requestAnimationFrame(callback: () => void): number;
interface SocketLike {
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
}
type SocketClass = new (url: string | URL, protocols?: string | string[]) => SocketLike;

interface ProbeWindow {
  __bench: {
    /** performance.now() of the first frame with a list row in it (0 = navigation start). */
    firstRow?: number;
    /** First arrival of each `bench-mark-<i>` in a watch hub WebSocket message. */
    wsMark: Record<number, number>;
    /** observeCell: first DOM time of each mark, and the mark shown last. */
    shown?: Record<number, number>;
    last?: number;
  };
}

/** Init script: first-row observer and a WebSocket that timestamps marked watch messages. */
export function installProbes(): void {
  const w = globalThis as unknown as ProbeWindow & { WebSocket: SocketClass };
  w.__bench = { wsMark: {} };
  const mo = new MutationObserver(() => {
    if (document.querySelector('[role="row"][data-row-key]')) {
      mo.disconnect();
      // Visible = the frame that paints them: the animation-frame callback runs just before it.
      requestAnimationFrame(() => (w.__bench.firstRow = performance.now()));
    }
  });
  mo.observe(document, { childList: true, subtree: true });
  const Native = w.WebSocket;
  class ProbedWebSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      // Registered before the app's own handler, so it runs first for every message.
      this.addEventListener('message', (e) => {
        if (typeof e.data !== 'string' || !e.data.includes('bench-mark-')) return;
        const t = performance.now();
        for (const m of e.data.matchAll(/bench-mark-(\d+)/g)) w.__bench.wsMark[Number(m[1])] ??= t;
      });
    }
  }
  w.WebSocket = ProbedWebSocket;
}

/**
 * Starts recording when the row's display-name cell first shows each `bench-mark-<i>` value
 * (a MutationObserver on the table runs right after every DOM change, before paint).
 */
export function observeCell(rowKey: string): void {
  const w = globalThis as unknown as ProbeWindow;
  const table = document.querySelector('[data-testid="sts-table"]');
  if (!table) throw new Error('no list table');
  const cell = () => document.querySelector(`[role="row"][data-row-key="${rowKey}"] [data-testid="display-name"]`);
  const shown: Record<number, number> = {};
  w.__bench.shown = shown;
  w.__bench.last = -1;
  const mo = new MutationObserver(() => {
    const m = /^bench-mark-(\d+)$/.exec(cell()?.textContent ?? '');
    if (!m) return;
    const i = Number(m[1]);
    if (i !== w.__bench.last) {
      w.__bench.last = i;
      shown[i] ??= performance.now();
    }
  });
  mo.observe(table, { childList: true, subtree: true, characterData: true });
}

export interface CellRecord {
  /** performance.timeOrigin of the page (wall-clock ms), to compare with the bench's clock. */
  timeOrigin: number;
  /** performance.now() when mark i was itself first in the DOM. */
  shown: Record<number, number>;
  wsMark: Record<number, number>;
  last: number;
}

export function cellRecord(): CellRecord {
  const w = globalThis as unknown as ProbeWindow;
  return { timeOrigin: performance.timeOrigin, shown: { ...w.__bench.shown }, wsMark: { ...w.__bench.wsMark }, last: w.__bench.last ?? -1 };
}

export interface PageStats {
  firstRow: number;
  now: number;
  domNodes: number;
  rowsInDom: number;
  /** performance.memory.usedJSHeapSize (Chromium only). */
  usedJSHeapSize: number;
  /** startTime and responseEnd of the first chunk of the StatefulSet LIST (limit=500), 0 if not seen. */
  firstListAsked: number;
  firstListAnswered: number;
  domContentLoaded: number;
  /** "start–end path" of every request that started before the first LIST chunk answered. */
  waterfall: string[];
  topRowKey: string;
}

export function pageStats(): PageStats {
  const w = globalThis as unknown as ProbeWindow & { performance: { memory?: { usedJSHeapSize: number }; getEntriesByType(t: string): { name: string; startTime: number; responseEnd: number; domContentLoadedEventEnd?: number }[] } };
  const list = w.performance.getEntriesByType('resource').find((e) => /\/statefulsets\?.*limit=500/.test(e.name));
  return {
    firstRow: w.__bench.firstRow ?? NaN,
    now: performance.now(),
    domNodes: document.getElementsByTagName('*').length,
    rowsInDom: document.querySelectorAll('[role="row"][data-row-key]').length,
    usedJSHeapSize: w.performance.memory?.usedJSHeapSize ?? NaN,
    firstListAsked: list?.startTime ?? 0,
    firstListAnswered: list?.responseEnd ?? 0,
    domContentLoaded: w.performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? 0,
    waterfall: w.performance
      .getEntriesByType('resource')
      .filter((e) => !list || e.startTime <= list.responseEnd)
      .map((e) => `${Math.round(e.startTime)}–${Math.round(e.responseEnd)} ${e.name.replace(/^https?:\/\/[^/]+/, '')}`),
    topRowKey: document.querySelector('[role="row"][data-row-key]')?.getAttribute('data-row-key') ?? '',
  };
}
