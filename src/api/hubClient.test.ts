// The hub client against an in-memory WebSocket that records what the client sends and lets
// the test play the server's messages (watchProtocol.ts). Asserts what a page would see.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HubClient, type SubscriptionHandlers } from './hubClient';
import { CLOSE_CODES, type ClientMessage, type ServerMessage } from './watchProtocol';

class FakeSocket {
  static OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: ClientMessage[] = [];
  onopen?: () => void;
  onmessage?: (ev: { data: string }) => void;
  onclose?: (ev: { code: number }) => void;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(text: string) {
    this.sent.push(JSON.parse(text) as ClientMessage);
  }
  close() {
    this.readyState = 3;
  }
  // server side
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  push(msg: ServerMessage) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

function handlers() {
  const seen: string[] = [];
  const h: SubscriptionHandlers = {
    events: (evs) => seen.push(`events:${evs.map((e) => `${e.type}:${e.object.metadata.name}`).join(',')}`),
    sync: (items, rv) => seen.push(`sync:${items.length}@${rv}`),
    relist: () => seen.push('relist'),
    error: (s) => seen.push(`error:${s.code}:${s.message}`),
    reconnecting: () => seen.push('reconnecting'),
  };
  return { seen, h };
}

const target = { cluster: 'ordinal', group: 'apps', version: 'v1', resource: 'statefulsets', namespace: 'demo' };
const sts = (name: string, rv: string) => ({ metadata: { name, namespace: 'demo', resourceVersion: rv } });

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('watch hub client', () => {
  it('subscribes from the list resourceVersion once the socket opens and delivers events', () => {
    const c = new HubClient(() => 'ws://test/ws');
    const { seen, h } = handlers();
    c.subscribe(target, '100', h);
    const ws = FakeSocket.all[0];
    expect(ws.sent).toEqual([]);
    ws.open();
    expect(ws.sent).toEqual([{ type: 'subscribe', id: 's1', ...target, resourceVersion: '100' }]);
    ws.push({ type: 'events', id: 's1', events: [{ type: 'ADDED', object: sts('web', '101') }] });
    expect(seen).toEqual(['events:ADDED:web']);
  });

  it('after a dropped socket it reconnects with back-off and resumes from the last resourceVersion seen', () => {
    const c = new HubClient(() => 'ws://test/ws');
    const { seen, h } = handlers();
    c.subscribe(target, '100', h);
    FakeSocket.all[0].open();
    FakeSocket.all[0].push({ type: 'events', id: 's1', events: [{ type: 'MODIFIED', object: sts('web', '105') }, { type: 'BOOKMARK', object: { metadata: { resourceVersion: '110' } } }] });
    FakeSocket.all[0].drop();
    expect(seen.at(-1)).toBe('reconnecting');
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1].open();
    expect(FakeSocket.all[1].sent).toEqual([{ type: 'subscribe', id: 's1', ...target, resourceVersion: '110' }]);
  });

  it('sync replaces the state, relist and error end the subscription', () => {
    const c = new HubClient(() => 'ws://test/ws');
    const a = handlers();
    const b = handlers();
    c.subscribe(target, undefined, a.h);
    c.subscribe({ ...target, namespace: 'other' }, '5', b.h);
    const ws = FakeSocket.all[0];
    ws.open();
    ws.push({ type: 'sync', id: 's1', resourceVersion: '200', items: [sts('a', '1'), sts('b', '2')] });
    ws.push({ type: 'relist', id: 's1' });
    ws.push({ type: 'events', id: 's1', events: [{ type: 'ADDED', object: sts('late', '201') }] });
    ws.push({ type: 'error', id: 's2', status: { code: 403, reason: 'Forbidden', message: 'statefulsets.apps is forbidden' } });
    expect(a.seen).toEqual(['sync:2@200', 'relist']);
    expect(b.seen).toEqual(['error:403:statefulsets.apps is forbidden']);
  });

  it('close code 4401 means the session ended: no reconnect, the app is told', () => {
    const c = new HubClient(() => 'ws://test/ws');
    const signedOut = vi.fn();
    c.onUnauthenticated = signedOut;
    c.subscribe(target, '1', handlers().h);
    FakeSocket.all[0].open();
    FakeSocket.all[0].drop(CLOSE_CODES.unauthenticated);
    vi.advanceTimersByTime(60_000);
    expect(signedOut).toHaveBeenCalledOnce();
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('unsubscribe tells the hub', () => {
    const c = new HubClient(() => 'ws://test/ws');
    const stop = c.subscribe(target, '1', handlers().h);
    FakeSocket.all[0].open();
    stop();
    expect(FakeSocket.all[0].sent.at(-1)).toEqual({ type: 'unsubscribe', id: 's1' });
  });
});
