// Watch streams over HTTP (W-2, W-5, W-6, T-10): one JSON event per line, flushed at once,
// bookmarks after quiet periods, a clean end after timeoutSeconds.
import type { ResourceDescriptor } from '../../registry/resources';
import { newBadRequest } from '../errors';
import { goJSON } from '../http';
import { objectOf } from '../rest/listing';
import { bookmarkJSON, startWatch, type WatchOut } from '../rest/watching';
import type { WatchQuery } from '../rest/types';
import type { ApiContext, ApiRequest } from '../server';
import { toTable } from '../tables';

/** W-5: a bookmark after this much silence (upstream: about a minute). */
const BOOKMARK_AFTER_MS = Number(process.env.ORDINAL_BOOKMARK_INTERVAL_MS ?? 15_000);
/** A slow reader may buffer at most this much before its watch is dropped (it re-watches). */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

function bool(q: URLSearchParams, k: string): boolean {
  const v = q.get(k);
  return v === 'true' || v === '1';
}

function watchQuery(q: URLSearchParams): WatchQuery {
  return {
    labelSelector: q.get('labelSelector') ?? undefined,
    fieldSelector: q.get('fieldSelector') ?? undefined,
    resourceVersion: q.get('resourceVersion') ?? undefined,
    resourceVersionMatch: q.get('resourceVersionMatch') || undefined,
    allowWatchBookmarks: bool(q, 'allowWatchBookmarks'),
    sendInitialEvents: bool(q, 'sendInitialEvents'),
  };
}

export function serveWatch(
  ctx: ApiContext,
  r: ApiRequest,
  d: ResourceDescriptor,
  namespace: string | undefined,
  table: { includeObject: 'None' | 'Metadata' | 'Object' } | undefined,
): void {
  const q = watchQuery(r.query);
  const timeoutParam = r.query.get('timeoutSeconds');
  let timeoutMs: number;
  if (timeoutParam !== null && timeoutParam !== '') {
    if (!/^\d+$/.test(timeoutParam)) throw newBadRequest(`invalid timeoutSeconds: ${timeoutParam}`);
    timeoutMs = Number(timeoutParam) * 1000;
  } else {
    timeoutMs = 0;
  }
  // W-6: without a timeout (or timeoutSeconds=0, as upstream) a watch ends after a random 30-60 minutes.
  if (timeoutMs === 0) timeoutMs = (30 + Math.random() * 30) * 60_000;
  const res = r.res;
  let started = false;
  let ended = false;
  let firstTable = true;
  let lastSent = Date.now();
  const begin = (): void => {
    if (started) return;
    started = true;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
  };
  const encode = (ev: WatchOut): string => {
    if (!table || ev.type === 'ERROR' || ev.type === 'BOOKMARK') return ev.json;
    // T-10: only the first event of a stream carries the column definitions.
    const t = toTable(d, [objectOf(ev)], { includeObject: table.includeObject, omitColumnDefinitions: !firstTable });
    firstTable = false;
    return JSON.stringify(t);
  };
  let handle: { stop(): void } | undefined;
  const finish = (): void => {
    if (ended) return;
    ended = true;
    handle?.stop();
    clearTimeout(timer);
    clearInterval(bookmarks);
    ctx.watches.delete(finish);
    begin();
    res.end();
  };
  const send = (ev: WatchOut): void => {
    if (ended) return;
    begin();
    lastSent = Date.now();
    res.write(`{"type":"${ev.type}","object":${goJSON(encode(ev))}}\n`);
    if (res.writableLength > MAX_BUFFERED_BYTES) setImmediate(finish);
  };
  const timer = setTimeout(finish, timeoutMs);
  const bookmarks = setInterval(() => {
    if (q.allowWatchBookmarks && Date.now() - lastSent >= BOOKMARK_AFTER_MS) {
      const rv = ctx.registry.store.resourceVersion;
      send({ type: 'BOOKMARK', json: bookmarkJSON(d, rv), namespace: '', name: '', rv });
    }
  }, Math.min(BOOKMARK_AFTER_MS, 5000));
  try {
    handle = startWatch(ctx.registry, d, namespace, q, send, () => setImmediate(finish));
  } catch (e) {
    clearTimeout(timer);
    clearInterval(bookmarks);
    ended = true;
    throw e;
  }
  if (ended) {
    handle.stop();
    return;
  }
  begin();
  ctx.watches.add(finish);
  // The response's 'close' fires when the client goes away (the request's may fire once its body ended).
  res.on('close', finish);
}
