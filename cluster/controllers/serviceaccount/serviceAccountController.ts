// Per-namespace seed objects (M-7): the `default` ServiceAccount (upstream serviceaccounts-
// controller) and the `kube-root-ca.crt` ConfigMap with the cluster CA (root-ca-cert-publisher),
// created for every active namespace and recreated when deleted or altered.
import type { KubeObject, ResourceRef } from '../../types';
import type { ClusterClient } from '../../client/types';
import type { SimContext } from '../gc/informerFactory';
import type { Informer } from '../runtime/informer';
import { errorText, isAlreadyExists, isNotFound } from '../runtime/objects';
import { WorkQueue } from '../runtime/workQueue';
import { CONFIGMAPS } from '../kubelet/kubelet';
import { NAMESPACES } from '../namespace/namespaceController';

const SERVICE_ACCOUNTS: ResourceRef = { group: '', version: 'v1', resource: 'serviceaccounts' };
const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

export class ServiceAccountController {
  private readonly namespaces: Informer;
  private readonly accounts: Informer;
  private readonly configMaps: Informer;
  private readonly queue: WorkQueue;

  constructor(
    private readonly client: ClusterClient,
    private readonly ctx: SimContext,
    /** The CA bundle; by default taken from kube-system's kube-root-ca.crt written at bootstrap. */
    private caPem?: string,
  ) {
    this.namespaces = ctx.informers.for(NAMESPACES);
    this.accounts = ctx.informers.for(SERVICE_ACCOUNTS);
    this.configMaps = ctx.informers.for(CONFIGMAPS);
    this.queue = new WorkQueue(ctx.clock);
    const nsKey = (o: KubeObject) => this.queue.add(o.metadata.namespace ?? '');
    this.namespaces.addHandlers({ onAdd: (ns) => this.queue.add(ns.metadata.name ?? '') });
    this.accounts.addHandlers({ onDelete: (sa) => sa.metadata.name === 'default' && nsKey(sa) });
    this.configMaps.addHandlers({
      onDelete: (cm) => cm.metadata.name === ROOT_CA_CONFIGMAP && nsKey(cm),
      onUpdate: (_o, cm) => cm.metadata.name === ROOT_CA_CONFIGMAP && nsKey(cm),
    });
  }

  run(): void {
    this.queue.run((key) => this.sync(key), 1, (key, e) => this.ctx.log(`serviceaccounts ${key}: ${errorText(e)}`));
  }

  stop(): void {
    this.queue.shutdown();
  }

  private ca(): string | undefined {
    if (this.caPem) return this.caPem;
    const cm = this.configMaps.get('kube-system', ROOT_CA_CONFIGMAP) ?? this.configMaps.get('default', ROOT_CA_CONFIGMAP);
    this.caPem = (cm?.data as Record<string, string> | undefined)?.['ca.crt'];
    return this.caPem;
  }

  private async sync(namespace: string): Promise<void> {
    const ns = this.namespaces.get(undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp) return;
    try {
      if (!this.accounts.get(namespace, 'default')) {
        await this.createQuietly(SERVICE_ACCOUNTS, namespace, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } });
      }
      const ca = this.ca();
      if (!ca) return;
      const cm = this.configMaps.get(namespace, ROOT_CA_CONFIGMAP);
      if (!cm) {
        await this.createQuietly(CONFIGMAPS, namespace, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ROOT_CA_CONFIGMAP, namespace }, data: { 'ca.crt': ca } });
      } else if ((cm.data as Record<string, string> | undefined)?.['ca.crt'] !== ca || Object.keys(cm.data ?? {}).length !== 1) {
        await this.client.update(CONFIGMAPS, namespace, { ...cm, data: { 'ca.crt': ca } });
      }
    } catch (e) {
      // A namespace that started terminating refuses new content (O-7); nothing to do then.
      if (isNotFound(e) || /is being terminated/.test(errorText(e))) return;
      throw e;
    }
  }

  private async createQuietly(ref: ResourceRef, namespace: string, obj: KubeObject): Promise<void> {
    try {
      await this.client.create(ref, namespace, obj);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
  }
}

export function start(client: ClusterClient, ctx: SimContext, caPem?: string): ServiceAccountController {
  return new ServiceAccountController(client, ctx, caPem);
}
