// Pod subresources: eviction (S-10), binding, log (S-7..S-9) and the streaming ones that a
// simulated cluster without a container runtime refuses (S-12, S-13).
import { findResource, type ResourceDescriptor } from '../../registry/resources';
import type { KubeObject } from '../../types';
import { labelSelectorFromObject, matchesLabels } from '../selectors';
import { newBadRequest, newMethodNotSupported, newPathNotFound, newTooManyRequests, newInternalError } from '../errors';
import { decodeObjectBody, readBody } from '../http';
import type { RequestInfo } from '../requestInfo';
import { bindPod } from '../rest/binding';
import { deleteObject } from '../rest/deleting';
import { kindKey, parse } from '../rest/objects';
import type { DeleteRequest } from '../rest/types';
import type { ApiContext, ApiRequest } from '../server';
import { servePodLogs } from './podLogs';
import { sendObject, writeContextOf } from './resource';


const RUNTIME_MESSAGES: Record<string, string> = {
  exec: 'exec is not supported: the simulated cluster has no container runtime',
  attach: 'attach is not supported: the simulated cluster has no container runtime',
  portforward: 'port forwarding is not supported: the simulated cluster has no container runtime',
};

interface Container {
  name: string;
}

export async function handlePodSubresource(ctx: ApiContext, r: ApiRequest, info: RequestInfo, d: ResourceDescriptor): Promise<void> {
  const sub = info.subresource!;
  const name = info.name!;
  const ns = info.namespace;
  const method = (r.req.method ?? 'GET').toUpperCase();
  const reg = ctx.registry;
  if (info.rest.length) throw newPathNotFound();
  if (sub in RUNTIME_MESSAGES) {
    if (method !== 'GET' && method !== 'POST') throw newMethodNotSupported();
    reg.get(d, ns, name);
    throw newBadRequest(RUNTIME_MESSAGES[sub]);
  }
  if (sub === 'log') {
    if (method !== 'GET') throw newMethodNotSupported();
    const pod = reg.get(d, ns, name);
    const container = logContainer(pod, r.query.get('container'));
    return servePodLogs(ctx, r, pod, container);
  }
  if (sub === 'eviction') {
    if (method !== 'POST') throw newMethodNotSupported();
    const body = decodeObjectBody(r.req.headers['content-type'], await readBody(r.req));
    if (body.metadata?.name && body.metadata.name !== name) throw newBadRequest('name in URL does not match name in Eviction object');
    const opts = ((body as { deleteOptions?: DeleteRequest & { dryRun?: string[] } }).deleteOptions ?? {}) as DeleteRequest & { dryRun?: string[] };
    const wctx = writeContextOf(r, opts.dryRun ?? []);
    const pod = reg.get(d, ns, name);
    checkDisruptionBudgets(ctx, pod, wctx.dryRun);
    deleteObject(reg, d, ns, name, opts, wctx);
    return sendObject(r, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
  }
  if (sub === 'binding') {
    if (method !== 'POST') throw newMethodNotSupported();
    const body = decodeObjectBody(r.req.headers['content-type'], await readBody(r.req));
    const wctx = writeContextOf(r);
    bindPod(reg, ns, name, body, wctx);
    return sendObject(r, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
  }
  throw newMethodNotSupported();
}

/** S-9: the container a log request reads, with upstream's messages for bad choices. */
function logContainer(pod: KubeObject, requested: string | null): string {
  const spec = (pod.spec ?? {}) as { containers?: Container[]; initContainers?: Container[] };
  const names = (spec.containers ?? []).map((c) => c.name);
  const init = (spec.initContainers ?? []).map((c) => c.name);
  const podName = pod.metadata.name;
  if (requested) {
    if (!names.includes(requested) && !init.includes(requested)) throw newBadRequest(`container ${requested} is not valid for pod ${podName}`);
    return requested;
  }
  if (names.length === 1) return names[0];
  let msg = `a container name must be specified for pod ${podName}, choose one of: [${names.join(' ')}]`;
  if (init.length) msg += ` or one of the init containers: [${init.join(' ')}]`;
  throw newBadRequest(msg);
}

/** S-10: refuse an eviction that the pod's PodDisruptionBudget does not allow right now. */
function checkDisruptionBudgets(ctx: ApiContext, pod: KubeObject, dryRun: boolean): void {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  // Pods that are not running cannot reduce availability (upstream evicts them without a PDB check).
  if (pod.metadata.deletionTimestamp || phase === 'Pending' || phase === 'Succeeded' || phase === 'Failed') return;
  const pdbd = findResource('policy', 'v1', 'poddisruptionbudgets');
  if (!pdbd) return;
  const ns = pod.metadata.namespace ?? '';
  const rows = ctx.registry.store.list(kindKey(pdbd), ns);
  const matching = rows
    .map((row) => ({ row, pdb: parse(row.json) }))
    .filter(({ pdb }) => {
      const sel = (pdb.spec as { selector?: Parameters<typeof labelSelectorFromObject>[0] } | undefined)?.selector;
      return sel !== undefined && matchesLabels(labelSelectorFromObject(sel), pod.metadata.labels);
    });
  if (matching.length === 0) return;
  if (matching.length > 1) throw newInternalError('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  const { row, pdb } = matching[0];
  const st = (pdb.status ?? {}) as { disruptionsAllowed?: number; desiredHealthy?: number; currentHealthy?: number; observedGeneration?: number };
  if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) {
    // Upstream refuses until the disruption controller has processed the budget.
    const e = newTooManyRequests(0);
    delete e.headers['Retry-After'];
    e.status.message = "Cannot evict pod as it would violate the pod's disruption budget.";
    e.status.details = { causes: [{ reason: 'DisruptionBudget', message: `The disruption budget ${pdb.metadata.name} is still being processed by the server.` }] };
    throw e;
  }
  if ((st.disruptionsAllowed ?? 0) <= 0) {
    const e = newTooManyRequests(0);
    delete e.headers['Retry-After'];
    e.status.message = "Cannot evict pod as it would violate the pod's disruption budget.";
    e.status.details = {
      causes: [
        {
          reason: 'DisruptionBudget',
          message: `The disruption budget ${pdb.metadata.name} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`,
        },
      ],
    };
    throw e;
  }
  if (dryRun) return;
  // Upstream records the disruption in the PDB status so that parallel evictions cannot overshoot.
  const next = parse(row.json);
  const ns2 = (next.status ??= {}) as { disruptionsAllowed?: number; disruptedPods?: Record<string, string> };
  ns2.disruptionsAllowed = (st.disruptionsAllowed ?? 0) - 1;
  ns2.disruptedPods = { ...(ns2.disruptedPods ?? {}), [pod.metadata.name!]: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };
  ctx.registry.store.write(kindKey(pdbd), 'MODIFIED', next, row.json);
}
