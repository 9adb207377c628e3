// Console server wiring only: each concern lives in its own module.
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { registerSecurityHeaders } from './http/security';
import { EMBEDDED_CLUSTER_NAME } from './clusters';
import { registerConsoleApi } from './proxy/consoleApi';

export interface ConsoleServerOptions {
  /** Built SPA (dist/public). */
  staticDir: string;
  dataDir: string;
  host: string;
  port: number;
  kubeconfig?: string;
  contexts?: string[];
  /** The kubeconfig is the embedded cluster's: list it once, as "Simulated cluster". */
  embedded?: boolean;
  inCluster?: boolean;
  /** local (default): login link / built-in users; token: each user's own Kubernetes token. */
  authMode?: 'local' | 'token';
}

export async function createConsoleServer(opts: ConsoleServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 3 * 1024 * 1024 });
  const boundPort = (): number => {
    const a = app.server.address();
    return typeof a === 'object' && a ? a.port : opts.port;
  };
  registerSecurityHeaders(app, opts.host, boundPort);

  app.get('/healthz', async (_req, reply) => reply.type('text/plain').send('ok'));
  // Login and sessions, GET /api/clusters, the Kubernetes API proxy and the /ws watch hub.
  registerConsoleApi(app, {
    dataDir: opts.dataDir,
    bindHost: opts.host,
    port: boundPort,
    kubeconfig: opts.kubeconfig,
    contexts: opts.contexts ?? [],
    embeddedName: opts.embedded ? EMBEDDED_CLUSTER_NAME : undefined,
    inCluster: opts.inCluster,
    authMode: opts.authMode,
  });

  if (existsSync(join(opts.staticDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: opts.staticDir, index: false, wildcard: false, maxAge: '1y', immutable: true });
    // Deep links (/ns/default/statefulsets/web) are SPA routes: answer them with index.html.
    app.setNotFoundHandler(async (req, reply) => {
      if (req.method !== 'GET' || req.url.startsWith('/api/') || req.url.startsWith('/clusters/')) {
        return reply.code(404).type('application/json').send({ message: 'not found' });
      }
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    });
  } else {
    app.get('/', async (_req, reply) =>
      reply.code(503).type('text/plain').send('The console UI is not built: run `npm run build`.\n'),
    );
  }
  return app;
}
