// Console server wiring only: each concern lives in its own module.
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { registerSecurityHeaders } from './http/security';
import { registerClusterRoutes } from './clusters';

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
}

export async function createConsoleServer(opts: ConsoleServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 3 * 1024 * 1024 });
  const boundPort = (): number => {
    const a = app.server.address();
    return typeof a === 'object' && a ? a.port : opts.port;
  };
  registerSecurityHeaders(app, opts.host, boundPort);

  app.get('/healthz', async (_req, reply) => reply.type('text/plain').send('ok'));
  registerClusterRoutes(app, { kubeconfig: opts.kubeconfig, contexts: opts.contexts ?? [], embedded: opts.embedded ?? false });

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
