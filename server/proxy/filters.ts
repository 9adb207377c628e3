// The proxy's rules, as a visible list in the order they apply (style.md: kubectl proxy's
// filter chain). Each rule looks only at the request line and headers; none reads a body.
import type { IncomingHttpHeaders } from 'node:http';

export interface ProxyTarget {
  cluster: string;
  /** `/api/...` or `/apis/...` plus the query, exactly as the browser sent it. */
  upstreamPath: string;
  info: RequestInfo;
}

/** What the request does in Kubernetes terms (for the refusals and the request log). */
export interface RequestInfo {
  verb: string;
  group: string;
  version: string;
  namespace?: string;
  resource?: string;
  name?: string;
  subresource?: string;
}

export interface ProxyRefusal {
  code: 400 | 403 | 404 | 405;
  reason: string;
  message: string;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Streaming subresources a browser console never needs; `proxy` would reach arbitrary in-cluster HTTP. */
const REFUSED_SUBRESOURCES = new Set(['exec', 'attach', 'portforward', 'proxy']);

/** Request headers copied to the cluster; everything else (cookies, Authorization, Origin, ...) is dropped. */
export const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'content-length', 'content-encoding'];

/** Response headers copied to the browser; Set-Cookie, WWW-Authenticate and the rest are dropped. */
export const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'warning',
  'audit-id',
  'retry-after',
  'cache-control',
  'x-kubernetes-pf-flowschema-uid',
  'x-kubernetes-pf-prioritylevel-uid',
];

/** Parses `/api/v1/namespaces/ns/pods/web-0/log` the way the API server's RequestInfoFactory does. */
export function requestInfo(method: string, apiPath: string, query: URLSearchParams): RequestInfo {
  const segs = apiPath.split('/').filter(Boolean);
  let group = '';
  let version: string;
  let parts: string[];
  if (segs[0] === 'api') {
    version = segs[1] ?? '';
    parts = segs.slice(2);
  } else {
    group = segs[1] ?? '';
    version = segs[2] ?? '';
    parts = segs.slice(3);
  }
  const info: RequestInfo = { verb: '', group, version };
  if (parts[0] === 'namespaces' && parts.length >= 3) {
    info.namespace = decodeURIComponent(parts[1]);
    parts = parts.slice(2);
  } else if (parts[0] === 'namespaces' && parts.length === 2) {
    info.namespace = decodeURIComponent(parts[1]);
  }
  info.resource = parts[0];
  info.name = parts[1] !== undefined ? decodeURIComponent(parts[1]) : undefined;
  info.subresource = parts[2];
  const watch = query.get('watch') === 'true' || query.get('watch') === '1';
  switch (method) {
    case 'GET':
    case 'HEAD':
      info.verb = watch ? 'watch' : info.name === undefined ? 'list' : 'get';
      break;
    case 'POST':
      info.verb = 'create';
      break;
    case 'PUT':
      info.verb = 'update';
      break;
    case 'PATCH':
      info.verb = 'patch';
      break;
    case 'DELETE':
      info.verb = info.name === undefined ? 'deletecollection' : 'delete';
      break;
    default:
      info.verb = method.toLowerCase();
  }
  return info;
}

/**
 * The rules. Returns the target or the first refusal.
 * 1. path is /clusters/<name>/api[/...] or /clusters/<name>/apis[/...]
 * 2. no path tricks (dot segments, empty segments, encoded slashes or dots, backslashes)
 * 3. method is one the Kubernetes API uses
 * 4. no exec / attach / portforward / proxy subresource, no legacy /proxy paths
 * 5. no Impersonate-* header: the console decides who the request runs as
 */
export function checkProxyRequest(method: string, rawUrl: string, headers: IncomingHttpHeaders): ProxyTarget | ProxyRefusal {
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const search = q < 0 ? '' : rawUrl.slice(q);
  const m = /^\/clusters\/([^/]+)(\/apis?(?:\/.*)?)$/.exec(path);
  if (!m) return { code: 404, reason: 'NotFound', message: 'the server could not find the requested resource' };
  const apiPath = m[2];
  if (/\/\.{1,2}(\/|$)|\/\/|%2f|%2e|%5c|\\/i.test(apiPath)) {
    return { code: 400, reason: 'BadRequest', message: 'path segments must not be empty, dot segments or encoded separators' };
  }
  if (!METHODS.has(method)) return { code: 405, reason: 'MethodNotAllowed', message: `method ${method} is not allowed through the console` };
  const info = requestInfo(method, apiPath, new URLSearchParams(search));
  if ((info.subresource && REFUSED_SUBRESOURCES.has(info.subresource)) || info.resource === 'proxy') {
    const what = info.resource === 'proxy' ? 'proxy' : info.subresource;
    return { code: 403, reason: 'Forbidden', message: `the console does not forward ${what} requests` };
  }
  for (const h of Object.keys(headers)) {
    if (h.startsWith('impersonate-')) {
      return { code: 403, reason: 'Forbidden', message: 'Impersonate-* headers are not accepted from the browser' };
    }
  }
  let cluster: string;
  try {
    cluster = decodeURIComponent(m[1]);
  } catch {
    return { code: 400, reason: 'BadRequest', message: 'malformed cluster name' };
  }
  return { cluster, upstreamPath: apiPath + search, info };
}

export function isRefusal(x: ProxyTarget | ProxyRefusal): x is ProxyRefusal {
  return 'code' in x;
}
