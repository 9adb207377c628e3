// Virtual resources computed per request (stored: false): access reviews (A-8..A-10),
// SelfSubjectReview and TokenReview, and metrics.k8s.io (M-3) from a pluggable source.
import { localSubjectAccessReview, selfSubjectAccessReview, selfSubjectReview, selfSubjectRulesReview, subjectAccessReview } from '../../auth/reviews';
import type { ResourceDescriptor } from '../../registry/resources';
import { apiVersionOf } from '../../registry/resources';
import type { KubeObject } from '../../types';
import { newBadRequest, newMethodNotSupported, newNotFound, newPathNotFound } from '../errors';
import { decodeObjectBody, readBody, sendJSON } from '../http';
import { compileMatcher } from '../rest/listing';
import { groupResource } from '../rest/objects';
import type { RequestInfo } from '../requestInfo';
import type { ApiContext, ApiRequest } from '../server';
import { writeContextOf } from './resource';

/** Live usage numbers for metrics.k8s.io; the kubelet simulation provides them (M-3). */
export interface MetricsSource {
  podMetrics(namespace: string | undefined): KubeObject[];
  nodeMetrics(): KubeObject[];
}

export async function handleVirtual(ctx: ApiContext & { metrics?: MetricsSource }, r: ApiRequest, info: RequestInfo, d: ResourceDescriptor): Promise<void> {
  const method = (r.req.method ?? 'GET').toUpperCase();
  if (info.subresource !== undefined) throw newPathNotFound();
  if (d.group === 'metrics.k8s.io') {
    if (method !== 'GET') throw newMethodNotSupported();
    const all = d.resource === 'pods' ? (ctx.metrics?.podMetrics(info.namespace) ?? []) : (ctx.metrics?.nodeMetrics() ?? []);
    const items = all.map((m) => ({ ...m, kind: d.kind, apiVersion: apiVersionOf(d) }));
    if (info.name !== undefined) {
      const one = items.find((m) => m.metadata.name === info.name);
      if (!one) throw newNotFound(groupResource(d), info.name);
      return sendJSON(r.res, 200, one);
    }
    const matcher = compileMatcher(d, r.query.get('labelSelector') ?? undefined, r.query.get('fieldSelector') ?? undefined);
    const picked = items.filter((m) => matcher.matches(m)).map(({ kind: _k, apiVersion: _a, ...rest }) => rest);
    return sendJSON(r.res, 200, { kind: d.listKind, apiVersion: apiVersionOf(d), metadata: {}, items: picked });
  }
  if (method !== 'POST' || info.name !== undefined) throw newMethodNotSupported();
  const body = decodeObjectBody(r.req.headers['content-type'], await readBody(r.req));
  writeContextOf(r); // validates dryRun/fieldValidation like any write (P-4); reviews change nothing
  if (body.kind !== undefined && body.kind !== d.kind) {
    throw newBadRequest(`the kind in the data (${String(body.kind)}) does not match the expected kind (${d.kind})`);
  }
  let out: KubeObject;
  switch (`${d.group}/${d.resource}`) {
    case 'authorization.k8s.io/selfsubjectaccessreviews':
      out = selfSubjectAccessReview(r.user, body, ctx.authorizer);
      break;
    case 'authorization.k8s.io/selfsubjectrulesreviews':
      out = selfSubjectRulesReview(r.user, body, ctx.authorizer);
      break;
    case 'authorization.k8s.io/subjectaccessreviews':
      out = subjectAccessReview(body, ctx.authorizer);
      break;
    case 'authorization.k8s.io/localsubjectaccessreviews':
      out = localSubjectAccessReview(info.namespace ?? '', body, ctx.authorizer);
      break;
    case 'authentication.k8s.io/selfsubjectreviews':
      out = selfSubjectReview(r.user);
      break;
    case 'authentication.k8s.io/tokenreviews': {
      const token = (body.spec as { token?: string } | undefined)?.token ?? '';
      const user = token ? ctx.authenticator.authenticate(`Bearer ${token}`) : undefined;
      out = {
        kind: 'TokenReview',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: {},
        spec: body.spec ?? {},
        status: user
          ? { authenticated: true, user: { username: user.name, uid: user.uid, groups: [...new Set([...user.groups, 'system:authenticated'])], extra: user.extra } }
          : { authenticated: false, error: 'invalid bearer token' },
      };
      break;
    }
    default:
      throw newPathNotFound();
  }
  return sendJSON(r.res, 201, out);
}
