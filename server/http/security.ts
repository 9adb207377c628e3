// Browser-facing hardening, as a visible list of rules (style.md: kubectl proxy's filter chain).
import type { FastifyInstance } from 'fastify';

// antd writes its CSS-in-JS into <style> elements, hence 'unsafe-inline' for styles only.
// Monaco's workers are bundled and loaded from 'self' (blob: for its worker bootstrap).
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

function isLoopbackBind(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/**
 * DNS-rebinding protection: when bound to loopback, only loopback Host headers are served.
 * A console bound to another address (in-cluster deployment) is reached through names we
 * cannot know, so there the Origin check on writes carries the protection.
 */
export function allowedHost(hostHeader: string | undefined, bindHost: string, port: number): boolean {
  if (!isLoopbackBind(bindHost)) return true;
  if (!hostHeader) return false;
  const names = new Set([...LOOPBACK_NAMES, bindHost]);
  for (const name of names) {
    if (hostHeader === `${name}:${port}` || (port === 80 && hostHeader === name)) return true;
  }
  return false;
}

export function registerSecurityHeaders(app: FastifyInstance, bindHost: string, port: () => number): void {
  app.addHook('onRequest', async (req, reply) => {
    if (!allowedHost(req.headers.host, bindHost, port())) {
      await reply.code(403).type('text/plain').send('Forbidden: unexpected Host header\n');
    }
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    return payload;
  });
}
