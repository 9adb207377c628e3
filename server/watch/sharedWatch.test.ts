// SharedWatch against a scripted upstream (a real HTTP server speaking the watch wire format),
// for the paths the embedded cluster does not produce on demand: clean ends, dropped
// connections, 410 as an event and as a status, and refusals.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../src/api/watchProtocol';
import type { Upstream } from '../clusterRegistry';
import { SharedWatch, type Subscriber } from './sharedWatch';

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

const servers: http.Server[] = [];
const watches: SharedWatch[] = [];

afterEach(async () => {
  for (const w of watches.splice(0)) w.stop();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => (s.closeAllConnections(), s.close(r)))));
});

async function upstream(onList: Handler, onWatch: Handler): Promise<{ up: Upstream; watchRequests: URL[] }> {
  const watchRequests: URL[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.headers.authorization !== 'Bearer test') {
      res.writeHead(401).end();
      return;
    }
    if (url.searchParams.get('watch') === 'true') {
      watchRequests.push(url);
      onWatch(req, res, url);
    } else onList(req, res, url);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const up: Upstream = { cluster: 'test', base: new URL(`http://127.0.0.1:${port}`), agent: new http.Agent({ keepAlive: true }), authHeaders: async () => ({ Authorization: 'Bearer test' }) };
  return { up, watchRequests };
}

const list = (rv: string, names: string[]): Handler => (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: rv }, items: names.map((n) => ({ metadata: { name: n, namespace: 'default', resourceVersion: rv } })) }));
};

const event = (type: string, name: string, rv: string) =>
  `${JSON.stringify({ type, object: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name, namespace: 'default', resourceVersion: rv } } })}\n`;

function subscriber(id: string): Subscriber & { got: ServerMessage[]; isEnded: boolean } {
  const s = {
    id,
    got: [] as ServerMessage[],
    isEnded: false,
    send(m: string) {
      s.got.push(JSON.parse(m) as ServerMessage);
    },
    ended() {
      s.isEnded = true;
    },
  };
  return s;
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function start(up: Upstream, onEmpty = () => {}): SharedWatch {
  const w = new SharedWatch({ cluster: 'test', group: '', version: 'v1', resource: 'configmaps', namespace: 'default' }, up, pino({ level: 'silent' }), onEmpty);
  watches.push(w);
  return w;
}

const types = (s: { got: ServerMessage[] }) => s.got.flatMap((m) => (m.type === 'events' ? m.events.map((e) => `${e.type}:${e.object.metadata.resourceVersion}`) : [m.type]));

describe('SharedWatch', () => {
  it('lists, watches from the list RV with bookmarks, forwards bookmarks, and re-watches from the last RV after a clean end', async () => {
    let n = 0;
    const { up, watchRequests } = await upstream(list('10', ['a']), (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (n++ === 0) {
        res.write(event('MODIFIED', 'a', '11'));
        res.end(event('BOOKMARK', '', '15'));
      } else res.write(event('ADDED', 'b', '16'));
    });
    const s = subscriber('s');
    start(up).add(s, undefined);
    await until(() => types(s).includes('ADDED:16'));
    expect(types(s)).toEqual(['sync', 'MODIFIED:11', 'BOOKMARK:15', 'ADDED:16']);
    expect(watchRequests.map((u) => [u.searchParams.get('resourceVersion'), u.searchParams.get('allowWatchBookmarks')])).toEqual([
      ['10', 'true'],
      ['15', 'true'],
    ]);
  });

  it('a dropped connection becomes `reconnecting`, then a bookmark marks the watch live again from the last RV', async () => {
    let n = 0;
    const { up, watchRequests } = await upstream(list('10', []), (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (n++ === 0) {
        res.write(event('ADDED', 'a', '12'));
        setTimeout(() => req.socket.destroy(), 20);
      } else res.write(event('MODIFIED', 'a', '13'));
    });
    const s = subscriber('s');
    start(up).add(s, undefined);
    await until(() => types(s).includes('MODIFIED:13'), 4000);
    expect(types(s)).toEqual(['sync', 'ADDED:12', 'reconnecting', 'BOOKMARK:12', 'MODIFIED:13']);
    expect(s.got.find((m) => m.type === 'reconnecting')).toEqual({ type: 'reconnecting', id: 's', retryInMs: 1000 });
    expect(watchRequests.map((u) => u.searchParams.get('resourceVersion'))).toEqual(['10', '12']);
  });

  it('an ERROR 410 event turns into `relist` for every subscriber and ends the upstream watch', async () => {
    let closed = false;
    const { up } = await upstream(list('10', []), (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      req.on('close', () => (closed = true));
      setTimeout(() => res.write(`${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'too old resource version: 1 (5)', reason: 'Expired', code: 410 } })}\n`), 20);
    });
    let empty = false;
    const w = start(up, () => (empty = true));
    const a = subscriber('a');
    const b = subscriber('b');
    w.add(a, undefined);
    w.add(b, '10');
    await until(() => a.isEnded && b.isEnded);
    expect(a.got.at(-1)).toEqual({ type: 'relist', id: 'a' });
    expect(b.got).toEqual([{ type: 'relist', id: 'b' }]);
    expect(empty).toBe(true);
    await until(() => closed);
  });

  it('HTTP 410 on the watch request is a relist too', async () => {
    const { up } = await upstream(list('10', []), (_req, res) => res.writeHead(410, { 'Content-Type': 'application/json' }).end('{"kind":"Status","code":410}'));
    const s = subscriber('s');
    start(up).add(s, undefined);
    await until(() => s.isEnded);
    expect(types(s)).toEqual(['sync', 'relist']);
  });

  it('a refused list ends the subscription with the Kubernetes status', async () => {
    const { up, watchRequests } = await upstream(
      (_req, res) =>
        res.writeHead(403, { 'Content-Type': 'application/json' }).end(JSON.stringify({ kind: 'Status', code: 403, reason: 'Forbidden', message: 'configmaps is forbidden: User "v" cannot list resource "configmaps"' })),
      () => {},
    );
    const s = subscriber('s');
    start(up).add(s, undefined);
    await until(() => s.isEnded);
    expect(s.got).toEqual([{ type: 'error', id: 's', status: { code: 403, reason: 'Forbidden', message: 'configmaps is forbidden: User "v" cannot list resource "configmaps"' } }]);
    expect(watchRequests).toEqual([]);
  });

  it('replays after a known RV, syncs on an unknown one, and compares RVs only for equality', async () => {
    let res!: ServerResponse;
    const { up } = await upstream(list('b', ['x']), (_req, r) => {
      res = r;
      r.writeHead(200, { 'Content-Type': 'application/json' });
      r.write(event('MODIFIED', 'x', 'q'));
      r.write(event('ADDED', 'y', 'c'));
    });
    const w = start(up);
    const first = subscriber('first');
    w.add(first, undefined);
    await until(() => types(first).includes('ADDED:c'));
    // "q" sorts after "c": an ordering comparison would skip or repeat events; equality does not.
    const fromQ = subscriber('fromQ');
    w.add(fromQ, 'q');
    expect(types(fromQ)).toEqual(['ADDED:c']);
    const fromList = subscriber('fromList');
    w.add(fromList, 'b');
    expect(types(fromList)).toEqual(['MODIFIED:q', 'ADDED:c']);
    const unknown = subscriber('unknown');
    w.add(unknown, 'zzz');
    expect(unknown.got).toHaveLength(1);
    expect(unknown.got[0]).toMatchObject({ type: 'sync', resourceVersion: 'c' });
    expect((unknown.got[0] as { items: { metadata: { name: string } }[] }).items.map((i) => i.metadata.name).sort()).toEqual(['x', 'y']);
    const current = subscriber('current');
    w.add(current, 'c');
    expect(current.got).toEqual([]);
    res.write(event('DELETED', 'x', 'd'));
    await until(() => types(current).includes('DELETED:d'));
    expect(types(fromQ)).toEqual(['ADDED:c', 'DELETED:d']);
  });

  it('keeps a bounded replay window: older RVs get a sync instead of a replay', async () => {
    const { up } = await upstream(list('0', []), (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      let text = '';
      for (let i = 1; i <= 1010; i++) text += event('MODIFIED', 'a', `rv-${i}`);
      res.write(text);
    });
    const w = start(up);
    const first = subscriber('first');
    w.add(first, undefined);
    await until(() => types(first).includes('MODIFIED:rv-1010'));
    const old = subscriber('old');
    w.add(old, 'rv-5');
    expect(old.got.map((m) => m.type)).toEqual(['sync']);
    const fromList = subscriber('fromList');
    w.add(fromList, '0');
    expect(fromList.got.map((m) => m.type)).toEqual(['sync']);
    const recent = subscriber('recent');
    w.add(recent, 'rv-1000');
    expect(types(recent)).toEqual(Array.from({ length: 10 }, (_, i) => `MODIFIED:rv-${1001 + i}`));
  });
});
