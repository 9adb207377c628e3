// Splits an API path into group/version/namespace/resource/name/subresource the way
// upstream's RequestInfoFactory does (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go).
import { findResource, type ResourceDescriptor } from '../registry/resources';

export interface RequestInfo {
  path: string;
  /** false for /version, /healthz, /api, /apis, /openapi/... */
  isResourceRequest: boolean;
  group: string;
  version: string;
  namespace?: string;
  resource?: string;
  name?: string;
  subresource?: string;
  /** Path segments after the subresource (nodes/<n>/proxy/<rest>). */
  rest: string[];
  descriptor?: ResourceDescriptor;
}

// `namespaces/<n>/status` and `namespaces/<n>/finalize` address the namespace itself.
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function parseRequestInfo(path: string): RequestInfo {
  const parts = path.split('/').filter((p) => p !== '').map(decodeURIComponent);
  const info: RequestInfo = { path, isResourceRequest: false, group: '', version: '', rest: [] };
  let cur: string[];
  if (parts[0] === 'api' && parts.length >= 2) {
    info.version = parts[1];
    cur = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    info.group = parts[1];
    info.version = parts[2];
    cur = parts.slice(3);
  } else {
    return info;
  }
  if (cur.length === 0) return info; // group-version discovery
  info.isResourceRequest = true;
  if (cur[0] === 'namespaces' && cur.length >= 2) {
    info.namespace = cur[1];
    if (cur.length > 2 && !NAMESPACE_SUBRESOURCES.has(cur[2])) cur = cur.slice(2);
    else {
      // namespaces/<n>[/status|/finalize]: the namespace object, which is cluster-scoped.
      info.namespace = undefined;
    }
  }
  info.resource = cur[0];
  if (cur.length >= 2) info.name = cur[1];
  if (cur.length >= 3) info.subresource = cur[2];
  if (cur.length >= 4) info.rest = cur.slice(3);
  info.descriptor = findResource(info.group, info.version, info.resource);
  return info;
}
