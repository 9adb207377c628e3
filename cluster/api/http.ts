// HTTP plumbing shared by the handlers: bodies with a size limit, JSON/Status answers,
// Warning headers and media-type negotiation (P-1, P-5, X-1).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../types';
import { newBadRequest, newInternalError, newRequestEntityTooLarge, newUnsupportedMediaType, isStatusError, type Status, type StatusError } from './errors';
import { decodeProtobufBody } from './protobuf';

/** Upstream's maxRequestBodyBytes is 3 MiB (X-1 413). */
const MAX_BODY_BYTES = 3 * 1024 * 1024;

const BODY_MEDIA_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(newRequestEntityTooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > limit) {
        failed = true;
        reject(newRequestEntityTooLarge(limit));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!failed) reject(e);
    });
  });
}

/** The media type of a Content-Type header without parameters, lower-cased. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/** Decodes a POST/PUT body as JSON, YAML or protobuf (P-1, P-3). */
export function decodeObjectBody(contentType: string | undefined, buf: Buffer): KubeObject {
  const mt = mediaType(contentType);
  let value: unknown;
  if (mt === 'application/vnd.kubernetes.protobuf') {
    return decodeProtobufBody(new Uint8Array(buf));
  } else if (mt === 'application/json' || mt === '') {
    try {
      value = JSON.parse(buf.toString('utf8'));
    } catch (e) {
      throw newBadRequest(`the object provided is unrecognized (${(e as Error).message})`);
    }
  } else if (mt === 'application/yaml') {
    try {
      value = parseYaml(buf.toString('utf8'));
    } catch (e) {
      throw newBadRequest(`the object provided is unrecognized (${(e as Error).message.split('\n')[0]})`);
    }
  } else {
    throw newUnsupportedMediaType(BODY_MEDIA_TYPES);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw newBadRequest('Object \'Kind\' is missing in the request body; the body must be a JSON object');
  }
  return value as KubeObject;
}

export function warningHeaders(res: ServerResponse, warnings: string[]): void {
  if (!warnings.length) return;
  res.setHeader(
    'Warning',
    warnings.map((w) => `299 - ${JSON.stringify(w)}`),
  );
}

const GO_ESCAPED = /[<>&\u2028\u2029]/;
const GO_ESCAPED_ALL = /[<>&\u2028\u2029]/g;
const GO_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * JSON text as Go's encoding/json writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped. These
 * characters only occur inside strings, so the text stays equivalent JSON; clients that compare
 * bytes (kubectl rollout undo, K-11/R-14) need Go's form. The scan is cheap; the replace runs only
 * when one of them is present.
 */
export function goJSON(text: string): string {
  return GO_ESCAPED.test(text) ? text.replace(GO_ESCAPED_ALL, (ch) => GO_ESCAPES[ch]) : text;
}

export function sendText(res: ServerResponse, code: number, body: string, contentType = 'application/json'): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  if (contentType.includes('json')) body = goJSON(body);
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache, private' });
  res.end(body);
}

export function sendJSON(res: ServerResponse, code: number, value: unknown): void {
  sendText(res, code, JSON.stringify(value));
}

function toStatusError(e: unknown): StatusError {
  if (isStatusError(e)) return e;
  if (e instanceof URIError) return newBadRequest(`malformed path: ${e.message}`);
  return newInternalError(e instanceof Error ? e.message : String(e));
}

export function sendStatus(res: ServerResponse, e: unknown): Status {
  const err = toStatusError(e);
  if (!res.headersSent) for (const [k, v] of Object.entries(err.headers)) res.setHeader(k, v);
  sendJSON(res, err.status.code, err.status);
  return err.status;
}

/** Lists above this size are streamed in chunks instead of being joined into one string. */
const STREAM_THRESHOLD = 512 * 1024;

/**
 * Sends `head + parts.join(',') + tail` as JSON. Large bodies go out in ~256 KiB chunks with
 * backpressure, so a 50 000-object list never exists as one string plus its Buffer copy.
 * `parts` may be lazy (a generator): then only the parts of the current chunk are alive.
 */
export async function sendJoined(res: ServerResponse, code: number, head: string, parts: Iterable<string>, tail: string): Promise<void> {
  if (Array.isArray(parts)) {
    let total = head.length + tail.length;
    for (const p of parts as string[]) total += p.length + 1;
    if (total < STREAM_THRESHOLD) {
      sendText(res, code, head + (parts as string[]).join(',') + tail);
      return;
    }
  }
  res.writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  let closed = false;
  res.once('close', () => (closed = true));
  let buf = head;
  let first = true;
  for (const part of parts) {
    buf += first ? part : ',' + part;
    first = false;
    if (buf.length >= 256 * 1024) {
      const ok = res.write(goJSON(buf));
      buf = '';
      if (!ok) await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
      if (closed) return;
    }
  }
  res.end(goJSON(buf + tail));
}
