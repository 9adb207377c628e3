// The HTTPS front of the embedded API server: TLS listener, authentication, authorization and
// dispatch to the non-resource and resource handlers. Every failure is a Status (X-1).
import { createServer, type Server } from 'node:https';
import { ServerResponse, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from 'pino';
import type { Authorizer } from '../auth/rbac';
import type { TokenAuthenticator } from '../auth/authenticator';
import type { UserInfo } from '../auth/types';
import { newBadRequest, newPathNotFound } from './errors';
import { authenticateRequest, authorizeRequest } from './authn';
import { sendStatus } from './http';
import { handleNonResource } from './handlers/nonResource';
import type { PodLogSource } from './handlers/podLogs';
import { handleResource } from './handlers/resource';
import type { MetricsSource } from './handlers/virtual';
import { parseRequestInfo } from './requestInfo';
import type { ServiceAccountTokens } from './serviceAccountTokens';
import type { Registry } from './rest/registry';

export interface ApiServerOptions {
  registry: Registry;
  authenticator: TokenAuthenticator;
  authorizer: Authorizer;
  tls: { certPem: string; keyPem: string };
  log: Logger;
  /** D-16: /readyz fails until the store is open and the seed objects exist. */
  ready: () => boolean;
  /** pods/log content (kubelet simulation); without it logs are empty. */
  podLogs?: PodLogSource;
  /** metrics.k8s.io content (kubelet simulation); without it lists are empty. */
  metrics?: MetricsSource;
  /** serviceaccounts/<name>/token issuer (A-1). */
  saTokens?: ServiceAccountTokens;
  /** nodes/<n>/proxy/stats/summary content (kubelet simulation, M-4). */
  nodeStats?: NodeStatsSource;
}

/** The kubelet summary API of one node (M-4), provided by the kubelet simulation. */
export interface NodeStatsSource {
  summary(nodeName: string): object | undefined;
}

export interface ApiContext extends ApiServerOptions {
  /** host:port clients use, for /api serverAddressByClientCIDRs. */
  serverAddress(): string;
  /** Open watch streams (RunningCluster.watchCount). */
  watches: Set<() => void>;
}

export interface ApiRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  query: URLSearchParams;
  user: UserInfo;
  /** Resolves when this request's writes are committed; answer a write only after it (durability). */
  flush(): Promise<void>;
}

export interface ApiServer {
  server: Server;
  ctx: ApiContext;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

const UNAUTHENTICATED_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

export function createApiServer(opts: ApiServerOptions): ApiServer {
  let address = '127.0.0.1:0';
  const ctx: ApiContext = { ...opts, serverAddress: () => address, watches: new Set() };
  const server = createServer({ cert: opts.tls.certPem, key: opts.tls.keyPem, minVersion: 'TLSv1.2' }, (req, res) => {
    void handle(ctx, req, res);
  });
  // S-12/S-13: exec and port-forward arrive as Upgrade requests; they are answered (never with
  // 101) through the normal pipeline so that authorization and Status errors apply.
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    const res = new ServerResponse(req);
    res.shouldKeepAlive = false;
    res.assignSocket(socket);
    res.on('finish', () => socket.end());
    void handle(ctx, req, res);
  });
  // Unparseable HTTP still gets a Status body (X-1) instead of Node's bare 400.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const body = JSON.stringify(newBadRequest(`malformed HTTP request: ${err.code ?? err.message}`).status);
    socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  server.keepAliveTimeout = 65_000;
  // Watches and log follows are long-lived; no per-request timeout (W-6 ends them itself).
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  return {
    server,
    ctx,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const a = server.address() as AddressInfo;
          address = `${host.includes(':') ? `[${host}]` : host}:${a.port}`;
          resolve(a.port);
        });
      });
    },
    close() {
      for (const stop of [...ctx.watches]) stop();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function handle(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'https://localhost');
  } catch {
    sendStatus(res, newPathNotFound());
    return;
  }
  try {
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const base = path.split('/').slice(0, 2).join('/');
    // A-2: a bad token is 401 on every path; health and version need no authorization (D-4, D-16).
    const user: UserInfo = authenticateRequest(ctx, req);
    const info = parseRequestInfo(path);
    const r: ApiRequest = { req, res, url, query: url.searchParams, user, flush: () => ctx.registry.store.flush() };
    if (!UNAUTHENTICATED_PATHS.has(base)) authorizeRequest(ctx, r, info);
    if (info.isResourceRequest) await handleResource(ctx, r, info);
    else await handleNonResource(ctx, r, path);
  } catch (e) {
    const status = sendStatus(res, e);
    if (status.code >= 500) ctx.log.error({ err: e, method: req.method, url: req.url }, 'request failed');
  } finally {
    ctx.log.debug({ method: req.method, url: req.url, code: res.statusCode, ms: Date.now() - started, ua: req.headers['user-agent'] }, 'request');
  }
}
