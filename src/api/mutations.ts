// Writes the first slice needs. Each returns the server's answer; errors are ApiError with
// Kubernetes' message. Patches use merge-patch on subresources and strategic-merge on objects,
// as kubectl does (`kubectl scale` → merge patch on /scale, `rollout restart` → SMP).
import { proxyPath, PodKind, StatefulSetKind } from '../k8s/kinds';
import type { K8sObject, StatefulSet } from '../k8s/types';
import { request, requestJson, warningsOf } from './http';
import { ApiError } from './errors';

export interface ScaleObject {
  apiVersion?: string;
  kind?: 'Scale';
  metadata: { name: string; namespace?: string; resourceVersion?: string };
  spec: { replicas?: number };
  status?: { replicas?: number; selector?: string };
}

export interface WriteResult<T> {
  object: T;
  warnings: string[];
}

async function write<T>(path: string, init: Parameters<typeof request>[1]): Promise<WriteResult<T>> {
  const res = await request(path, init);
  const text = await res.text();
  return { object: (text ? JSON.parse(text) : undefined) as T, warnings: warningsOf(res) };
}

/**
 * Sets `spec.replicas` through the scale subresource. With `resourceVersion` the write is
 * conditional (Undo: "fails if it moved", console-spec.md §3.3) and a change meanwhile is a 409.
 */
export function scaleStatefulSet(
  cluster: string,
  ns: string,
  name: string,
  replicas: number,
  resourceVersion?: string,
): Promise<WriteResult<ScaleObject>> {
  const path = proxyPath(cluster, StatefulSetKind, ns, name, 'scale');
  if (resourceVersion) {
    // A merge patch carrying metadata.resourceVersion is a precondition (409 when stale).
    return write<ScaleObject>(path, {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { metadata: { resourceVersion }, spec: { replicas } },
    });
  }
  return write<ScaleObject>(path, { method: 'PATCH', contentType: 'application/merge-patch+json', body: { spec: { replicas } } });
}

/** `kubectl rollout restart`: stamps the Pod template so every Pod is replaced (console-spec.md §5.8). */
export function redeployStatefulSet(cluster: string, ns: string, name: string, now = new Date()): Promise<WriteResult<StatefulSet>> {
  const body = {
    spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': now.toISOString() } } } },
  };
  return write<StatefulSet>(proxyPath(cluster, StatefulSetKind, ns, name), {
    method: 'PATCH',
    contentType: 'application/strategic-merge-patch+json',
    body,
  });
}

/** Background propagation (console-spec.md §5.6). */
export function deleteStatefulSet(cluster: string, ns: string, name: string): Promise<WriteResult<K8sObject>> {
  return write<K8sObject>(proxyPath(cluster, StatefulSetKind, ns, name), {
    method: 'DELETE',
    body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' },
  });
}

export function deletePod(cluster: string, ns: string, name: string): Promise<WriteResult<K8sObject>> {
  return write<K8sObject>(proxyPath(cluster, PodKind, ns, name), { method: 'DELETE' });
}

/**
 * Undo of a scale (console-spec.md §3.3): only when the count is still the one we set. The
 * StatefulSet's resourceVersion moves with every status write of the controller, so the check
 * is on spec.replicas, and the write carries the resourceVersion just read (409 if it changed
 * in between). A moved count throws ApiError 409 like a conflict.
 */
export async function undoScale(cluster: string, ns: string, name: string, setTo: number, previous: number): Promise<WriteResult<ScaleObject>> {
  const now = await getScale(cluster, ns, name);
  if ((now.spec.replicas ?? 0) !== setTo) {
    throw new ApiError(409, 'Conflict', `replicas of ${name} changed from ${setTo} to ${now.spec.replicas ?? 0}`);
  }
  return scaleStatefulSet(cluster, ns, name, previous, now.metadata.resourceVersion);
}

function getScale(cluster: string, ns: string, name: string): Promise<ScaleObject> {
  return requestJson<ScaleObject>(proxyPath(cluster, StatefulSetKind, ns, name, 'scale'));
}
