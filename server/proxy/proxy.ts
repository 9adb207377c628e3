// The Kubernetes API proxy: /clusters/:cluster/api/... and /apis/... → that cluster, as the
// signed-in user. Bodies stream both ways through pipes (backpressure included); nothing is
// parsed, buffered or compressed, so lists of any size and watches/log follows pass at wire
// speed, and closing the browser's request aborts the upstream one (W-10).
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { ConsoleAuth } from '../auth/routes';
import { statusBody } from '../auth/guard';
import { NoCredentialError, requestOptions, type ClusterRegistry } from '../clusterRegistry';
import { logRequest } from '../logging';
import { FORWARDED_REQUEST_HEADERS, FORWARDED_RESPONSE_HEADERS, checkProxyRequest, isRefusal, type ProxyTarget } from './filters';

export interface ProxyOptions {
  clusters: ClusterRegistry;
  auth: ConsoleAuth;
  log: Logger;
}

const USER_AGENT = 'ordinal-console';

function refuse(reply: FastifyReply, code: number, reason: string, message: string): FastifyReply {
  return reply.code(code).type('application/json').header('Cache-Control', 'no-store').send(statusBody(code, reason, message));
}

export function registerProxy(app: FastifyInstance, opts: ProxyOptions): void {
  // An encapsulated plugin: only here are bodies left unread, so they can be piped upstream.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
    scope.route({
      method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      url: '/clusters/:cluster/*',
      handler: (req, reply) => proxyRequest(req, reply, opts),
    });
  });
}

async function proxyRequest(req: FastifyRequest, reply: FastifyReply, opts: ProxyOptions): Promise<FastifyReply> {
  const started = performance.now();
  const method = req.method.toUpperCase();
  const target = checkProxyRequest(method, req.raw.url ?? '', req.headers);
  if (isRefusal(target)) return refuse(reply, target.code, target.reason, target.message);
  const session = opts.auth.sessionOf(req.raw);
  if (!session) return refuse(reply, 401, 'Unauthorized', 'no valid session: log in to the console');
  let upstream;
  try {
    upstream = await opts.clusters.upstreamFor(target.cluster, session.user);
  } catch (e) {
    if (e instanceof NoCredentialError) {
      return refuse(reply, opts.clusters.has(target.cluster) ? 403 : 404, opts.clusters.has(target.cluster) ? 'Forbidden' : 'NotFound', e.message);
    }
    opts.log.error({ err: (e as Error).message, cluster: target.cluster }, 'no credentials for the cluster');
    return refuse(reply, 502, 'InternalError', `cannot use the credentials of cluster "${target.cluster}": ${(e as Error).message}`);
  }
  const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
  for (const h of FORWARDED_REQUEST_HEADERS) {
    const v = req.headers[h];
    if (typeof v === 'string') headers[h] = v;
  }
  if (req.headers['transfer-encoding'] && !headers['content-length']) headers['transfer-encoding'] = 'chunked';
  Object.assign(headers, await upstream.authHeaders());

  const finishLog = (status: number): void =>
    logRequest(opts.log, {
      user: session.user.name,
      cluster: target.cluster,
      method,
      verb: target.info.verb,
      resource: resourceOf(target),
      namespace: target.info.namespace,
      status,
      latencyMs: performance.now() - started,
    });

  const mod = upstream.base.protocol === 'http:' ? http : https;
  return new Promise<FastifyReply>((resolve) => {
    const upReq = mod.request({ ...requestOptions(upstream, target.upstreamPath), method, headers });
    // The browser went away before the answer finished: abort the upstream request (watch, log follow).
    const onBrowserClose = (): void => {
      if (!reply.raw.writableFinished) upReq.destroy();
    };
    reply.raw.once('close', onBrowserClose);
    // Logout or expiry ends the session's open streams too (watches, log follows).
    const stopOnSessionEnd = opts.auth.sessions.onEnd((id) => {
      if (id === session.id) {
        upReq.destroy();
        reply.raw.destroy();
      }
    });
    reply.raw.once('close', stopOnSessionEnd);
    upReq.on('response', (upRes: IncomingMessage) => {
      const status = upRes.statusCode ?? 502;
      reply.code(status);
      for (const h of FORWARDED_RESPONSE_HEADERS) {
        const v = upRes.headers[h];
        if (v !== undefined) reply.header(h, v);
      }
      // No 'data' listener here: it would start the flow before Fastify pipes the stream.
      reply.raw.once('close', () => finishLog(status));
      resolve(reply.send(upRes));
    });
    upReq.on('error', (err) => {
      if (reply.sent || reply.raw.headersSent) {
        reply.raw.destroy();
        return;
      }
      finishLog(502);
      resolve(refuse(reply, 502, 'InternalError', `cluster "${target.cluster}" is unreachable: ${err.message}`));
    });
    const bodyless = method === 'GET' || method === 'HEAD' || (!req.headers['content-length'] && !req.headers['transfer-encoding']);
    if (bodyless) {
      upReq.end();
    } else {
      req.raw.pipe(upReq);
    }
  });
}

function resourceOf(t: ProxyTarget): string | undefined {
  const { resource, subresource } = t.info;
  if (!resource) return undefined;
  return subresource ? `${resource}/${subresource}` : resource;
}
