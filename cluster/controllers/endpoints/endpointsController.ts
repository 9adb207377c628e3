// Endpoints and EndpointSlice controllers in one: a Service with a selector gets an Endpoints
// object of its name and one EndpointSlice `<service>-xxxxx` (owned by the Service, labelled
// kubernetes.io/service-name). Triggered by service and pod events only; an object is written
// only when its computed content differs from the cached one, so steady state costs nothing.
import type { KubeObject, ResourceRef } from '../../types';
import type { ClusterClient } from '../../client/types';
import { rfc3339 } from '../runtime/clock';
import type { SimContext } from '../gc/informerFactory';
import type { Informer } from '../runtime/informer';
import { PODS, errorText, isNotFound, objectKey, splitKey } from '../runtime/objects';
import { WorkQueue } from '../runtime/workQueue';
import { NODES } from '../scheduler/scheduler';
import { computeSlice, computeSubsets, selectsPod, type ServiceSpec } from './compute';

export const SERVICES: ResourceRef = { group: '', version: 'v1', resource: 'services' };
const ENDPOINTS: ResourceRef = { group: '', version: 'v1', resource: 'endpoints' };
const ENDPOINT_SLICES: ResourceRef = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' };
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
const MANAGED_BY = 'endpointslice-controller.k8s.io';
const HEADLESS_LABEL = 'service.kubernetes.io/headless';
/** The address the simulated API server advertises to the cluster (a control-plane host beside the nodes). */
const API_SERVER_ADDRESS = '10.0.0.10';
const API_SERVER_PORT = 6443;

function jsonEq(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function isHeadless(svc: KubeObject): boolean {
  return (svc.spec as ServiceSpec | undefined)?.clusterIP === 'None';
}

export class EndpointsController {
  private readonly services: Informer;
  private readonly pods: Informer;
  private readonly endpoints: Informer;
  private readonly slices: Informer;
  private readonly nodes: Informer;
  private readonly queue: WorkQueue;

  constructor(
    private readonly client: ClusterClient,
    private readonly ctx: SimContext,
  ) {
    this.services = ctx.informers.for(SERVICES);
    this.pods = ctx.informers.for(PODS);
    this.endpoints = ctx.informers.for(ENDPOINTS);
    this.slices = ctx.informers.for(ENDPOINT_SLICES);
    this.nodes = ctx.informers.for(NODES);
    this.queue = new WorkQueue(ctx.clock);
    const svcKey = (s: KubeObject) => this.queue.add(objectKey(s));
    this.services.addHandlers({ onAdd: svcKey, onUpdate: (_o, s) => svcKey(s), onDelete: svcKey });
    const podChanged = (old: KubeObject | undefined, pod: KubeObject) => {
      for (const s of this.services.list(pod.metadata.namespace)) {
        if (selectsPod(s, pod) || (old && selectsPod(s, old))) this.queue.add(objectKey(s));
      }
    };
    this.pods.addHandlers({ onAdd: (p) => podChanged(undefined, p), onUpdate: (o, p) => podChanged(o, p), onDelete: (p) => podChanged(undefined, p) });
    // Someone deleting or editing our objects gets them rewritten.
    const owned = (o: KubeObject) => this.queue.add(`${o.metadata.namespace}/${o.metadata.labels?.[SERVICE_NAME_LABEL] ?? o.metadata.name}`);
    this.endpoints.addHandlers({ onDelete: owned });
    this.slices.addHandlers({ onDelete: owned });
  }

  run(): void {
    this.queue.run((key) => this.sync(key), 2, (key, e) => this.ctx.log(`endpoints ${key}: ${errorText(e)}`));
  }

  stop(): void {
    this.queue.shutdown();
  }

  private async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    if (key === 'default/kubernetes') return this.syncMasterEndpoints();
    const svc = this.services.get(namespace, name);
    const selector = (svc?.spec as ServiceSpec | undefined)?.selector;
    if (!svc || !selector || !Object.keys(selector).length) {
      // Service gone (or without selector: endpoints are the user's): remove what we manage.
      if (!svc) await this.deleteQuietly(ENDPOINTS, namespace, name);
      for (const s of this.slicesOf(namespace, name)) await this.deleteQuietly(ENDPOINT_SLICES, namespace, s.metadata.name ?? '');
      return;
    }
    const pods = this.pods.list(namespace);
    await this.syncEndpoints(svc, pods);
    await this.syncSlice(svc, pods);
  }

  /**
   * The API server's own endpoints (controlplane reconciler + endpointsadapter): Endpoints with
   * skip-mirror and an EndpointSlice of the same name carrying only the service-name label.
   */
  private async syncMasterEndpoints(): Promise<void> {
    if (!this.services.get('default', 'kubernetes')) return;
    const subsets = [{ addresses: [{ ip: API_SERVER_ADDRESS }], ports: [{ name: 'https', port: API_SERVER_PORT, protocol: 'TCP' }] }];
    const labels = { 'endpointslice.kubernetes.io/skip-mirror': 'true' };
    const ep = this.endpoints.get('default', 'kubernetes');
    if (!ep) await this.client.create(ENDPOINTS, 'default', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'kubernetes', namespace: 'default', labels }, subsets });
    else if (!jsonEq(ep.subsets, subsets) || !jsonEq(ep.metadata.labels, labels)) {
      await this.client.update(ENDPOINTS, 'default', { ...ep, metadata: { ...ep.metadata, labels }, subsets });
    }
    const slice = {
      addressType: 'IPv4',
      endpoints: [{ addresses: [API_SERVER_ADDRESS], conditions: { ready: true } }],
      ports: [{ name: 'https', port: API_SERVER_PORT, protocol: 'TCP' }],
    };
    const current = this.slices.get('default', 'kubernetes');
    const meta = { name: 'kubernetes', namespace: 'default', labels: { [SERVICE_NAME_LABEL]: 'kubernetes' } };
    if (!current) await this.client.create(ENDPOINT_SLICES, 'default', { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: meta, ...slice });
    else if (!jsonEq(current.endpoints, slice.endpoints) || !jsonEq(current.ports, slice.ports)) {
      await this.client.update(ENDPOINT_SLICES, 'default', { ...current, ...slice });
    }
  }

  private slicesOf(namespace: string, service: string): KubeObject[] {
    return this.slices.list(namespace).filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === service && s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY);
  }

  private async deleteQuietly(ref: ResourceRef, ns: string, name: string): Promise<void> {
    try {
      await this.client.delete(ref, ns, name);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  private labelsFor(svc: KubeObject): Record<string, string> {
    const labels = { ...(svc.metadata.labels ?? {}) };
    if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
    return labels;
  }

  private async syncEndpoints(svc: KubeObject, pods: KubeObject[]): Promise<void> {
    const ns = svc.metadata.namespace ?? '';
    const name = svc.metadata.name ?? '';
    const subsets = computeSubsets(svc, pods);
    const labels = this.labelsFor(svc);
    const current = this.endpoints.get(ns, name);
    if (current && jsonEq(current.subsets ?? [], subsets) && jsonEq(current.metadata.labels ?? {}, labels)) return;
    const obj: KubeObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name,
        namespace: ns,
        labels,
        annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': rfc3339(this.ctx.clock.now()) },
      },
    };
    if (subsets.length) obj.subsets = subsets;
    if (!current) {
      await this.client.create(ENDPOINTS, ns, obj);
      return;
    }
    obj.metadata.resourceVersion = current.metadata.resourceVersion;
    await this.client.update(ENDPOINTS, ns, obj);
  }

  private async syncSlice(svc: KubeObject, pods: KubeObject[]): Promise<void> {
    const ns = svc.metadata.namespace ?? '';
    const name = svc.metadata.name ?? '';
    const zoneOf = (node: string) => this.nodes.get(undefined, node)?.metadata.labels?.['topology.kubernetes.io/zone'];
    const { endpoints, ports } = computeSlice(svc, pods, zoneOf);
    const labels = { ...this.labelsFor(svc), [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: MANAGED_BY };
    const [current, ...extra] = this.slicesOf(ns, name);
    for (const s of extra) await this.deleteQuietly(ENDPOINT_SLICES, ns, s.metadata.name ?? '');
    const body: Record<string, unknown> = { addressType: 'IPv4', endpoints: endpoints.length ? endpoints : null, ports: ports.length ? ports : null };
    if (current && jsonEq(current.endpoints, body.endpoints) && jsonEq(current.ports, body.ports) && jsonEq(current.metadata.labels, labels)) return;
    const meta = {
      namespace: ns,
      labels,
      annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': rfc3339(this.ctx.clock.now()) },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    };
    if (!current) {
      await this.client.create(ENDPOINT_SLICES, ns, { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { ...meta, generateName: `${name}-` }, ...body });
      return;
    }
    await this.client.update(ENDPOINT_SLICES, ns, {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { ...meta, name: current.metadata.name, resourceVersion: current.metadata.resourceVersion },
      ...body,
    });
  }
}

export function start(client: ClusterClient, ctx: SimContext): EndpointsController {
  return new EndpointsController(client, ctx);
}
