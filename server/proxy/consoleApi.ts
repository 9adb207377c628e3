// Everything the SPA talks to, registered in one call from server/index.ts: the cluster
// registry, login and sessions (with the request guard), the Kubernetes API proxy, the watch
// hub and request logging for the console's own routes.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { registerAuth, type ConsoleAuth } from '../auth/routes';
import { loginInstructions } from '../auth/secrets';
import type { AuthMode } from '../auth/identity';
import type { SessionLimits } from '../auth/sessions';
import { ClusterRegistry, embeddedSpec, inClusterSpec, kubeconfigSpecs, type ClusterSpec } from '../clusterRegistry';
import { createConsoleLogger, logRequest } from '../logging';
import { attachWatchHub, type WatchHub } from '../watch/hub';
import { registerProxy } from './proxy';

export interface ConsoleApiOptions {
  dataDir: string;
  /** Bind host and bound port, for the Host check on WebSocket upgrades. */
  bindHost: string;
  port: () => number;
  /** --kubeconfig (or the embedded cluster's kubeconfig when `embeddedName` is set). */
  kubeconfig?: string;
  contexts?: string[];
  /** The kubeconfig is the embedded cluster's: one cluster of that name with admin/viewer users. */
  embeddedName?: string;
  inCluster?: boolean;
  authMode?: AuthMode;
  sessionLimits?: SessionLimits;
  log?: Logger;
  /** Hub bound on unsent bytes per socket (tests lower it). */
  maxBufferedBytes?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The lines `ordinal serve` prints so the user can sign in (login link, password file, token). */
    loginInstructions(consoleUrl: string): string[];
  }
}

export interface ConsoleApi {
  clusters: ClusterRegistry;
  auth: ConsoleAuth;
  hub: WatchHub;
  log: Logger;
}

function clusterSpecs(opts: ConsoleApiOptions): ClusterSpec[] {
  const specs: ClusterSpec[] = [];
  if (opts.kubeconfig && opts.embeddedName) specs.push(embeddedSpec(opts.embeddedName, opts.kubeconfig));
  else if (opts.kubeconfig) specs.push(...kubeconfigSpecs(opts.kubeconfig, opts.contexts ?? []));
  if (opts.inCluster) specs.push(inClusterSpec());
  return specs;
}

export function registerConsoleApi(app: FastifyInstance, opts: ConsoleApiOptions): ConsoleApi {
  const log = opts.log ?? createConsoleLogger();
  const clusters = new ClusterRegistry(clusterSpecs(opts));
  const mode = opts.authMode ?? 'local';
  const auth = registerAuth(app, { mode, dataDir: opts.dataDir, clusters, builtinUsers: Boolean(opts.embeddedName), limits: opts.sessionLimits });
  app.decorate('loginInstructions', (consoleUrl: string) => loginInstructions(auth, consoleUrl));
  registerProxy(app, { clusters, auth, log });
  const hub = attachWatchHub(app.server, { clusters, auth, log, bindHost: opts.bindHost, port: opts.port, maxBufferedBytes: opts.maxBufferedBytes });

  app.get('/api/clusters', async () => ({ clusters: await clusters.statuses(mode === 'token') }));

  // The proxy logs its own requests (with cluster, verb and resource); this covers the rest.
  app.addHook('onResponse', async (req, reply) => {
    if (req.url.startsWith('/clusters/')) return;
    if (!req.url.startsWith('/api') && !req.url.startsWith('/login')) return;
    const s = auth.sessionOf(req.raw);
    logRequest(log, { user: s?.user.name, method: req.method, resource: req.url.split('?')[0], status: reply.statusCode, latencyMs: reply.elapsedTime });
  });
  // preClose: open sockets and upstream watches must end before the HTTP server can close.
  app.addHook('preClose', async () => hub.close());
  app.addHook('onClose', async () => clusters.close());
  return { clusters, auth, hub, log };
}
