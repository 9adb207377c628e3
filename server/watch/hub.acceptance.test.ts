// The watch hub against the real embedded cluster: one upstream watch per key whatever the
// number of subscribers (the cluster's own count), fan-out, replay, sync, per-user keys,
// upstream refusals and slow consumers.
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLOSE_CODES, type ServerMessage, type SubscribeMessage } from '../../src/api/watchProtocol';
import { startTestConsole, type TestConsole } from '../proxy/testConsole';

let tc: TestConsole;
let admin: { cookie: string; csrf: string };
let viewer: { cookie: string; csrf: string };

/** Every frame any test client received, scanned at the end for cluster credentials. */
const frames: string[] = [];

class Client {
  readonly messages: ServerMessage[] = [];
  closeCode?: number;
  private waiters: (() => void)[] = [];
  constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      frames.push(String(d));
      this.messages.push(JSON.parse(String(d)) as ServerMessage);
      for (const w of this.waiters.splice(0)) w();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      for (const w of this.waiters.splice(0)) w();
    });
  }
  static open(cookie: string, origin = tc.url): Promise<Client> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${tc.url.replace('http', 'ws')}/ws`, { headers: { Cookie: cookie, Origin: origin } });
      const c = new Client(ws);
      ws.once('open', () => resolve(c));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }
  send(m: object): void {
    this.ws.send(JSON.stringify(m));
  }
  subscribe(id: string, extra: Partial<SubscribeMessage> = {}): void {
    this.send({ type: 'subscribe', id, cluster: 'ordinal', group: '', version: 'v1', resource: 'configmaps', namespace: 'default', ...extra });
  }
  async until<T extends ServerMessage>(pred: (m: ServerMessage) => m is T, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(pred);
      if (found) return found;
      if (this.closeCode !== undefined) throw new Error(`socket closed (${this.closeCode}) while waiting`);
      if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(this.messages).slice(0, 500)}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }
  close(): void {
    this.ws.close();
  }
}

const isSync = (id: string) => (m: ServerMessage): m is Extract<ServerMessage, { type: 'sync' }> => m.type === 'sync' && m.id === id;
const hasEvent = (id: string, type: string, name: string) => (m: ServerMessage): m is Extract<ServerMessage, { type: 'events' }> =>
  m.type === 'events' && m.id === id && m.events.some((e) => e.type === type && e.object.metadata.name === name);

async function writeConfigMap(name: string, data: Record<string, string> = { a: '1' }, method = 'POST'): Promise<{ metadata: { resourceVersion: string } }> {
  const path = `/clusters/ordinal/api/v1/namespaces/default/configmaps${method === 'POST' ? '' : `/${name}`}`;
  const res = await fetch(`${tc.url}${path}`, {
    method,
    headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf, 'Content-Type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json' },
    body: method === 'DELETE' ? undefined : JSON.stringify(method === 'PATCH' ? { data } : { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data }),
  });
  if (res.status >= 300) throw new Error(`${method} ${name}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { metadata: { resourceVersion: string } };
}

async function waitFor(cond: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Earlier tests' sockets close asynchronously; wait until their upstream watches are gone. */
async function settle(): Promise<void> {
  await waitFor(() => tc.api.hub.upstreamCount() === 0, 'earlier upstream watches to end');
  let last = -1;
  await waitFor(() => {
    const n = tc.cluster.watchCount();
    const stable = n === last;
    last = n;
    return stable;
  }, 'a stable watch count');
}

beforeAll(async () => {
  tc = await startTestConsole({ extra: { maxBufferedBytes: 256 * 1024 } });
  admin = await tc.login('admin');
  viewer = await tc.login('viewer');
});

afterAll(async () => {
  const all = frames.join('\n');
  expect(all.length).toBeGreaterThan(100_000);
  const tokens = JSON.parse(readFileSync(join(tc.dataDir, 'cluster', 'tokens.json'), 'utf8')) as { admin: string; viewer: string };
  for (const t of [tokens.admin, tokens.viewer]) expect(all).not.toContain(t);
  await tc?.close();
});

describe('watch hub', () => {
  it('50 subscribers on one key make exactly one upstream watch; unsubscribing all closes it', async () => {
    const base = tc.cluster.watchCount();
    const clients = await Promise.all(Array.from({ length: 5 }, () => Client.open(admin.cookie)));
    for (const [ci, c] of clients.entries()) for (let i = 0; i < 10; i++) c.subscribe(`s${ci}-${i}`);
    for (const [ci, c] of clients.entries()) for (let i = 0; i < 10; i++) await c.until(isSync(`s${ci}-${i}`));
    // The sync follows the hub's LIST; its WATCH request reaches the cluster right after.
    await waitFor(() => tc.cluster.watchCount() > base, 'the upstream watch');
    await new Promise((r) => setTimeout(r, 200));
    expect(tc.cluster.watchCount()).toBe(base + 1);
    expect(tc.api.hub.upstreamCount()).toBe(1);

    await writeConfigMap('fan-out');
    for (const [ci, c] of clients.entries()) for (let i = 0; i < 10; i++) await c.until(hasEvent(`s${ci}-${i}`, 'ADDED', 'fan-out'));

    for (const [ci, c] of clients.entries()) for (let i = 0; i < 10; i++) c.send({ type: 'unsubscribe', id: `s${ci}-${i}` });
    await waitFor(() => tc.cluster.watchCount() === base, 'the upstream watch to close');
    expect(tc.api.hub.upstreamCount()).toBe(0);
    for (const c of clients) c.close();
  });

  it('an unsubscribe right behind its subscribe leaves no upstream watch behind', async () => {
    await settle();
    const base = tc.cluster.watchCount();
    const c = await Client.open(admin.cookie);
    c.subscribe('quick', { resource: 'endpoints' });
    c.send({ type: 'unsubscribe', id: 'quick' });
    c.subscribe('kept', { resource: 'services' });
    await c.until(isSync('kept'));
    await new Promise((r) => setTimeout(r, 200));
    expect(tc.api.hub.upstreamCount()).toBe(1);
    expect(tc.cluster.watchCount()).toBe(base + 1);
    expect(c.messages.some((m) => 'id' in m && m.id === 'quick')).toBe(false);
    c.close();
  });

  it('closing the sockets also closes the upstream watch', async () => {
    await settle();
    const base = tc.cluster.watchCount();
    const c = await Client.open(admin.cookie);
    c.subscribe('a');
    c.subscribe('b', { resource: 'services' });
    await c.until(isSync('a'));
    await c.until(isSync('b'));
    await waitFor(() => tc.cluster.watchCount() === base + 2, 'two upstream watches');
    c.close();
    await waitFor(() => tc.cluster.watchCount() === base, 'the upstream watches to close');
  });

  it('a late subscriber gets the current state once (sync), then live events', async () => {
    const first = await Client.open(admin.cookie);
    first.subscribe('first');
    await first.until(isSync('first'));
    await writeConfigMap('late-1');
    await first.until(hasEvent('first', 'ADDED', 'late-1'));
    const late = await Client.open(admin.cookie);
    late.subscribe('late');
    const sync = await late.until(isSync('late'));
    expect(sync.items.map((i) => i.metadata.name)).toContain('late-1');
    expect(sync.items.find((i) => i.metadata.name === 'late-1')).toMatchObject({ kind: 'ConfigMap', apiVersion: 'v1', data: { a: '1' } });
    await writeConfigMap('late-1', { a: '2' }, 'PATCH');
    const ev = await late.until(hasEvent('late', 'MODIFIED', 'late-1'));
    expect(ev.events.find((e) => e.object.metadata.name === 'late-1')?.object).toMatchObject({ data: { a: '2' } });
    first.close();
    late.close();
  });

  it('replays from the subscriber’s resourceVersion when the hub has seen it', async () => {
    const holder = await Client.open(admin.cookie);
    holder.subscribe('holder');
    await holder.until(isSync('holder'));
    const created = await writeConfigMap('replay-1');
    await holder.until(hasEvent('holder', 'ADDED', 'replay-1'));
    await writeConfigMap('replay-2');
    await writeConfigMap('replay-1', { a: 'x' }, 'PATCH');
    await holder.until(hasEvent('holder', 'MODIFIED', 'replay-1'));
    const c = await Client.open(admin.cookie);
    c.subscribe('r', { resourceVersion: created.metadata.resourceVersion });
    const ev = await c.until(hasEvent('r', 'MODIFIED', 'replay-1'));
    const names = c.messages.flatMap((m) => (m.type === 'events' ? m.events.map((e) => `${e.type} ${e.object.metadata.name}`) : [m.type]));
    expect(names).toEqual(['ADDED replay-2', 'MODIFIED replay-1']);
    expect(ev.type).toBe('events');
    holder.close();
    c.close();
  });

  it('keys are per identity: the viewer and the admin never share an upstream watch', async () => {
    await settle();
    const base = tc.cluster.watchCount();
    const a = await Client.open(admin.cookie);
    const v = await Client.open(viewer.cookie);
    a.subscribe('a');
    v.subscribe('v');
    await a.until(isSync('a'));
    await v.until(isSync('v'));
    await waitFor(() => tc.cluster.watchCount() === base + 2, 'two upstream watches');
    expect(tc.api.hub.upstreamCount()).toBe(2);
    a.close();
    v.close();
    await waitFor(() => tc.cluster.watchCount() === base, 'the upstream watches to close');
  });

  it('an upstream refusal arrives as an error message with the Kubernetes status', async () => {
    const v = await Client.open(viewer.cookie);
    v.subscribe('sec', { resource: 'secrets' });
    const err = await v.until((m): m is Extract<ServerMessage, { type: 'error' }> => m.type === 'error' && m.id === 'sec');
    expect(err.status).toMatchObject({ code: 403, reason: 'Forbidden' });
    expect(err.status.message).toContain('User "viewer" cannot list resource "secrets"');
    v.subscribe('bad', { resource: '../secrets' });
    const bad = await v.until((m): m is Extract<ServerMessage, { type: 'error' }> => m.type === 'error' && m.id === 'bad');
    expect(bad.status.code).toBe(400);
    v.close();
  });

  it('refuses a cross-origin upgrade', async () => {
    await expect(Client.open(admin.cookie, 'http://evil.example')).rejects.toThrow(/403/);
  });

  it('logout closes the session’s sockets with 4401', async () => {
    const s = await tc.login('viewer');
    const c = await Client.open(s.cookie);
    await fetch(`${tc.url}/api/logout`, { method: 'POST', headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrf } });
    await waitFor(() => c.closeCode !== undefined, 'the socket to close');
    expect(c.closeCode).toBe(CLOSE_CODES.unauthenticated);
  });

  it('drops a consumer that stops reading with close code 4008, without harming others', async () => {
    await settle();
    const base = tc.cluster.watchCount();
    const slow = await Client.open(admin.cookie);
    const fast = await Client.open(admin.cookie);
    slow.subscribe('slow');
    fast.subscribe('fast');
    await slow.until(isSync('slow'));
    await fast.until(isSync('fast'));
    const socket = (slow.ws as unknown as { _socket: Socket })._socket; // ws keeps the TCP socket here
    socket.pause();
    const big = 'x'.repeat(200_000);
    for (let i = 0; i < 60 && slow.closeCode === undefined; i++) {
      await writeConfigMap(`big-${i}`, { big });
    }
    await fast.until(hasEvent('fast', 'ADDED', 'big-59'), 10_000);
    socket.resume();
    await waitFor(() => slow.closeCode !== undefined, 'the slow socket to close', 10_000);
    expect(slow.closeCode).toBe(CLOSE_CODES.slowConsumer);
    fast.close();
    await waitFor(() => tc.cluster.watchCount() === base, 'the upstream watch to close');
  });

  it('a sync larger than the bound is not mistaken for a slow consumer', async () => {
    // The previous test left about 60 ConfigMaps of 200 kB in default: the sync is ~12 MB, far above
    // this console's 256 kB bound and its 2 MB hard limit.
    await settle();
    const base = tc.cluster.watchCount();
    const c = await Client.open(admin.cookie);
    const socket = (c.ws as unknown as { _socket: Socket })._socket;
    socket.pause(); // so the sync is still queued on the server when the next event is sent
    c.subscribe('big');
    await waitFor(() => tc.cluster.watchCount() === base + 1, 'the hub’s upstream watch (sent after the sync)');
    await writeConfigMap('after-big-sync');
    await new Promise((r) => setTimeout(r, 200));
    socket.resume();
    const sync = await c.until(isSync('big'), 15_000);
    expect(sync.items.length).toBeGreaterThan(50);
    await c.until(hasEvent('big', 'ADDED', 'after-big-sync'), 15_000);
    expect(c.closeCode).toBeUndefined();
    c.close();
  });
});
