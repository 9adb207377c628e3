// The watch hub at /ws: one WebSocket per browser tab multiplexes subscriptions; the server
// keeps exactly one upstream watch per distinct (identity, cluster, resource, namespace,
// selectors) whatever the number of subscribers, and drops a socket whose unsent data passes
// a bound (close code 4008) instead of growing memory (style.md: Headlamp's weaknesses).
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_CODES, WATCH_HUB_PATH, type ClientMessage, type SubscribeMessage, type WatchTarget } from '../../src/api/watchProtocol';
import { allowedHost } from '../http/security';
import { crossOrigin } from '../auth/guard';
import { identityKey } from '../auth/identity';
import type { ConsoleAuth } from '../auth/routes';
import type { Session } from '../auth/sessions';
import type { ClusterRegistry } from '../clusterRegistry';
import { SharedWatch, type Subscriber } from './sharedWatch';

export interface WatchHubOptions {
  clusters: ClusterRegistry;
  auth: ConsoleAuth;
  log: Logger;
  /** The console's bind host and bound port, for the Host check (DNS rebinding). */
  bindHost: string;
  port: () => number;
  /** Unsent bytes per socket above which it counts as a slow consumer (see sendRaw). */
  maxBufferedBytes?: number;
}

export interface WatchHub {
  /** Open upstream watches (one per distinct key). */
  upstreamCount(): number;
  close(): void;
}

const MAX_SUBSCRIPTIONS_PER_SOCKET = 256;
const MAX_MESSAGE_BYTES = 16 * 1024;
const SESSION_CHECK_MS = 15_000;
const SLOW_GRACE_MS = 10_000;
const HARD_LIMIT_FACTOR = 8;

function refuseUpgrade(socket: Duplex, code: number, text: string): void {
  socket.end(`HTTP/1.1 ${code} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
}

function validTarget(m: Partial<SubscribeMessage>): string | undefined {
  if (typeof m.id !== 'string' || !m.id || m.id.length > 200) return 'id must be a non-empty string';
  for (const k of ['cluster', 'version', 'resource'] as const) if (typeof m[k] !== 'string' || !m[k]) return `${k} is required`;
  if (typeof m.group !== 'string') return 'group is required ("" for the core group)';
  for (const k of ['namespace', 'labelSelector', 'fieldSelector', 'resourceVersion'] as const) {
    if (m[k] !== undefined && typeof m[k] !== 'string') return `${k} must be a string`;
  }
  for (const k of ['group', 'version', 'resource', 'namespace'] as const) {
    if (m[k] && /[/?#%\\]/.test(m[k] as string)) return `${k} contains a character that is not allowed`;
  }
  return undefined;
}

export function attachWatchHub(server: Server, opts: WatchHubOptions): WatchHub {
  const maxBuffered = opts.maxBufferedBytes ?? 8 * 1024 * 1024;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  const watches = new Map<string, SharedWatch>();
  const socketsBySession = new Map<string, Set<WebSocket>>();

  const keyOf = (session: Session, t: WatchTarget): string =>
    JSON.stringify([identityKey(session.user), t.cluster, t.group, t.version, t.resource, t.namespace ?? '', t.labelSelector ?? '', t.fieldSelector ?? '']);

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== WATCH_HUB_PATH) return; // another upgrade handler may own it
    if (!allowedHost(req.headers.host, opts.bindHost, opts.port())) return refuseUpgrade(socket, 403, 'Forbidden');
    if (crossOrigin(req.headers)) return refuseUpgrade(socket, 403, 'Forbidden');
    const session = opts.auth.sessionOf(req);
    if (!session) return refuseUpgrade(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, session));
  };
  server.on('upgrade', onUpgrade);

  const stopSessionListener = opts.auth.sessions.onEnd((id) => {
    for (const ws of socketsBySession.get(id) ?? []) ws.close(CLOSE_CODES.unauthenticated, 'session ended');
  });

  function serve(ws: WebSocket, session: Session): void {
    let set = socketsBySession.get(session.id);
    if (!set) socketsBySession.set(session.id, (set = new Set()));
    set.add(ws);
    const subs = new Map<string, { sub: Subscriber; watch: SharedWatch }>();
    let closed = false;

    // A large `sync` may sit above the bound for a moment on a healthy socket; a slow consumer
    // stays above it. So: above the bound for SLOW_GRACE_MS, or above HARD_LIMIT_FACTOR × the
    // bound at any time, and the socket is dropped. Memory per socket stays bounded either way.
    let overSince = 0;
    // A message larger than the bound (a big `sync`) raises the hard limit by its size for a while.
    let burst = { bytes: 0, at: 0 };
    const sendRaw = (message: string): void => {
      if (closed || ws.readyState !== ws.OPEN) return;
      const now = Date.now();
      const buffered = ws.bufferedAmount;
      if (buffered <= maxBuffered) overSince = 0;
      else if (!overSince) overSince = now;
      const allowance = now - burst.at < SLOW_GRACE_MS ? burst.bytes : 0;
      if (buffered > maxBuffered * HARD_LIMIT_FACTOR + allowance || (overSince && now - overSince > SLOW_GRACE_MS)) {
        closed = true;
        opts.log.warn({ user: session.user.name, bufferedBytes: buffered }, 'watch hub: slow consumer dropped');
        ws.close(CLOSE_CODES.slowConsumer, 'slow consumer: too much unsent data');
        // Nothing more is queued; a client that never reads again is cut off after a grace period
        // (one that resumes reads the queued data and then the close frame with the reason).
        setTimeout(() => ws.terminate(), 15_000).unref();
        cleanup();
        return;
      }
      if (message.length > maxBuffered) burst = { bytes: Buffer.byteLength(message), at: now };
      ws.send(message);
    };

    const cleanup = (): void => {
      for (const { sub, watch } of subs.values()) watch.remove(sub);
      subs.clear();
      set?.delete(ws);
      if (set?.size === 0) socketsBySession.delete(session.id);
      clearInterval(sessionTimer);
    };

    // Sessions end on logout (listener above) and on expiry, which this notices.
    const sessionTimer = setInterval(() => {
      if (!opts.auth.sessions.get(session.id, false)) ws.close(CLOSE_CODES.unauthenticated, 'session expired');
    }, SESSION_CHECK_MS);
    sessionTimer.unref();

    // Unsubscribes that overtook their subscribe (which was waiting for credentials).
    const cancelled = new Set<string>();

    const subscribe = async (m: SubscribeMessage): Promise<void> => {
      cancelled.delete(m.id);
      const invalid = validTarget(m);
      if (invalid) return sendRaw(JSON.stringify({ type: 'error', id: m.id, status: { code: 400, reason: 'BadRequest', message: invalid } }));
      if (subs.has(m.id)) return sendRaw(JSON.stringify({ type: 'error', id: m.id, status: { code: 409, reason: 'AlreadyExists', message: `subscription ${m.id} already exists` } }));
      if (subs.size >= MAX_SUBSCRIPTIONS_PER_SOCKET) {
        return sendRaw(JSON.stringify({ type: 'error', id: m.id, status: { code: 429, reason: 'TooManyRequests', message: 'too many subscriptions on one socket' } }));
      }
      const target: WatchTarget = {
        cluster: m.cluster,
        group: m.group,
        version: m.version,
        resource: m.resource,
        namespace: m.namespace || undefined,
        labelSelector: m.labelSelector || undefined,
        fieldSelector: m.fieldSelector || undefined,
      };
      const key = keyOf(session, target);
      let watch = watches.get(key);
      if (!watch) {
        let upstream;
        try {
          upstream = await opts.clusters.upstreamFor(m.cluster, session.user);
        } catch (e) {
          return sendRaw(JSON.stringify({ type: 'error', id: m.id, status: { code: 403, reason: 'Forbidden', message: (e as Error).message } }));
        }
        if (closed || subs.has(m.id) || cancelled.delete(m.id)) return;
        watch = watches.get(key); // another socket may have created it meanwhile
        if (!watch) {
          const fields = { user: session.user.name, cluster: target.cluster, resource: target.resource, namespace: target.namespace, labelSelector: target.labelSelector };
          const created: SharedWatch = new SharedWatch(target, upstream, opts.log, () => {
            if (watches.get(key) === created) watches.delete(key);
            opts.log.info({ ...fields, upstreamWatches: watches.size }, 'watch hub: upstream watch closed');
          });
          opts.log.info({ ...fields, upstreamWatches: watches.size + 1 }, 'watch hub: upstream watch opened');
          watch = created;
          watches.set(key, watch);
        }
      }
      if (closed || subs.has(m.id) || cancelled.delete(m.id)) return;
      const sub: Subscriber = { id: m.id, send: sendRaw, ended: () => subs.delete(m.id) };
      subs.set(m.id, { sub, watch });
      watch.add(sub, m.resourceVersion);
    };

    ws.on('message', (data, isBinary) => {
      let m: Partial<ClientMessage>;
      try {
        if (isBinary) throw new Error('binary');
        m = JSON.parse(String(data)) as Partial<ClientMessage>;
      } catch {
        ws.close(CLOSE_CODES.protocolError, 'messages must be JSON text');
        return;
      }
      if (m.type === 'subscribe') void subscribe(m as SubscribeMessage);
      else if (m.type === 'unsubscribe' && typeof m.id === 'string') {
        const s = subs.get(m.id);
        if (s) {
          subs.delete(m.id);
          s.watch.remove(s.sub);
        } else cancelled.add(m.id);
      } else ws.close(CLOSE_CODES.protocolError, 'unknown message type');
    });
    ws.on('close', () => {
      closed = true;
      cleanup();
    });
    ws.on('error', () => undefined);
  }

  return {
    upstreamCount: () => watches.size,
    close() {
      server.off('upgrade', onUpgrade);
      stopSessionListener();
      for (const ws of wss.clients) ws.close(CLOSE_CODES.goingAway, 'server shutting down');
      for (const w of [...watches.values()]) w.stop();
      wss.close();
    },
  };
}
