// Streaming through the proxy against a scripted upstream (a real HTTP server reached through a
// kubeconfig): pods/log?follow=true lines arrive one by one, a large request body streams up
// unbuffered, a browser that stops reading slows the upstream down (backpressure) instead of
// filling memory, and closing the browser's request aborts the upstream one.
import Fastify, { type FastifyInstance } from 'fastify';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSecurityHeaders } from '../http/security';
import { createConsoleLogger } from '../logging';
import { registerConsoleApi } from './consoleApi';

let upstream: http.Server;
let app: FastifyInstance;
let dir: string;
let base: string;
let cookie: string;
let csrf: string;
let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ordinal-stream-test-'));
  upstream = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'double', cluster: { server: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, 'insecure-skip-tls-verify': true } }],
      users: [{ name: 'u', user: { token: 'upstream-secret-token' } }],
      contexts: [{ name: 'double', context: { cluster: 'double', user: 'u' } }],
      'current-context': 'double',
    }),
  );
  app = Fastify();
  let port = 0;
  registerSecurityHeaders(app, '127.0.0.1', () => port);
  const sink = new Writable({ write: (_c, _e, done) => done() });
  registerConsoleApi(app, { dataDir: dir, bindHost: '127.0.0.1', port: () => port, kubeconfig, log: createConsoleLogger({ destination: sink }) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ method: 'link', token: readFileSync(join(dir, 'login-token'), 'utf8').trim() }),
  });
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
});

afterAll(async () => {
  await app?.close();
  upstream?.closeAllConnections();
  await new Promise((r) => upstream?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('streaming proxy', () => {
  it('pods/log?follow=true: parameters verbatim, lines as they are written, upstream aborted when the browser leaves', async () => {
    let seenUrl = '';
    let seenAuth = '';
    let upstreamClosed = false;
    handler = (req, res) => {
      seenUrl = req.url ?? '';
      seenAuth = String(req.headers.authorization);
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      let n = 0;
      const timer = setInterval(() => res.write(`line ${n++}\n`), 30);
      res.on('close', () => {
        clearInterval(timer);
        upstreamClosed = true;
      });
    };
    const ac = new AbortController();
    const path = '/api/v1/namespaces/default/pods/web-0/log?container=nginx&follow=true&previous=false&tailLines=10&timestamps=true';
    const res = await fetch(`${base}/clusters/double${path}`, { headers: { Cookie: cookie }, signal: ac.signal });
    expect(res.status).toBe(200);
    expect(seenUrl).toBe(path);
    expect(seenAuth).toBe('Bearer upstream-secret-token');
    const reader = res.body!.getReader();
    const arrivals: number[] = [];
    let text = '';
    while (!text.includes('line 3\n')) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
      arrivals.push(performance.now());
    }
    // Not buffered: the four lines came in separate reads spread over time.
    expect(arrivals.length).toBeGreaterThanOrEqual(3);
    expect(arrivals[arrivals.length - 1] - arrivals[0]).toBeGreaterThan(40);
    expect(upstreamClosed).toBe(false);
    ac.abort();
    const deadline = Date.now() + 3000;
    while (!upstreamClosed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(upstreamClosed).toBe(true);
  });

  it('a browser that stops reading holds the upstream back (backpressure), then gets every byte', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const total = 64 * 1024 * 1024;
    let written = 0;
    let blocked = false;
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(total) });
      const pump = (): void => {
        while (written < total) {
          written += chunk.length;
          if (!res.write(chunk)) {
            blocked = true;
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
    };
    const res = await fetch(`${base}/clusters/double/api/v1/pods`, { headers: { Cookie: cookie } });
    const reader = res.body!.getReader();
    let received = (await reader.read()).value?.length ?? 0;
    await new Promise((r) => setTimeout(r, 300));
    // Without reading, only socket buffers' worth left the upstream, not the whole 64 MiB.
    expect(blocked).toBe(true);
    expect(written).toBeLessThan(total / 2);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      received += value.length;
    }
    expect(written).toBe(total);
    expect(received).toBe(total);
  });

  it('a request body streams to the upstream with its content type and length', async () => {
    let got = 0;
    let type = '';
    let length = '';
    handler = (req, res) => {
      type = String(req.headers['content-type']);
      length = String(req.headers['content-length']);
      req.on('data', (c: Buffer) => (got += c.length));
      req.on('end', () => res.writeHead(201, { 'Content-Type': 'application/json', Warning: '299 - "deprecated field"' }).end('{"kind":"ConfigMap"}'));
    };
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', data: { big: 'y'.repeat(5 * 1024 * 1024) } });
    const res = await fetch(`${base}/clusters/double/api/v1/namespaces/default/configmaps`, {
      method: 'POST',
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/apply-patch+yaml' },
      body,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('warning')).toBe('299 - "deprecated field"');
    expect(type).toBe('application/apply-patch+yaml');
    expect(length).toBe(String(body.length));
    expect(got).toBe(body.length);
  });

  it('upstream Set-Cookie and WWW-Authenticate never reach the browser, nor does the upstream token', async () => {
    handler = (_req, res) => res.writeHead(401, { 'Content-Type': 'application/json', 'Set-Cookie': 'upstream=1', 'WWW-Authenticate': 'Basic realm="kube"' }).end('{"kind":"Status","code":401}');
    const res = await fetch(`${base}/clusters/double/api/v1/pods`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('www-authenticate')).toBeNull();
    expect(JSON.stringify([...res.headers.entries()]) + (await res.text())).not.toContain('upstream-secret-token');
  });
});
