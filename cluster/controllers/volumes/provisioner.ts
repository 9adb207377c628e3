// PersistentVolumeClaim provisioning, binding and expansion for the simulated storage driver
// `ordinal/simulated` (E-22, M-6). A claim of a WaitForFirstConsumer class waits until the
// scheduler names a node (annotation volume.kubernetes.io/selected-node); then a PV `pvc-<uid>`
// is created with the claim's size and access modes and both sides are bound. Deleting a claim
// deletes (reclaimPolicy Delete) or releases (Retain) its volume. Growing a bound claim of a
// class with allowVolumeExpansion resizes the volume and the claim's status.capacity.
import type { KubeObject, ResourceRef } from '../../types';
import type { ClusterClient } from '../../client/types';
import type { SimContext } from '../gc/informerFactory';
import { EventRecorder, referenceTo } from '../runtime/eventRecorder';
import type { Informer } from '../runtime/informer';
import { PVCS, errorText, isAlreadyExists, isNotFound, objectKey, splitKey } from '../runtime/objects';
import { WorkQueue } from '../runtime/workQueue';
import { milli } from '../scheduler/podResources';
import { SELECTED_NODE_ANNOTATION, STORAGE_CLASSES } from '../scheduler/scheduler';

const PVS: ResourceRef = { group: '', version: 'v1', resource: 'persistentvolumes' };
const PROVISIONER = 'ordinal/simulated';
const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

interface ClaimSpec {
  storageClassName?: string;
  volumeName?: string;
  accessModes?: string[];
  volumeMode?: string;
  resources?: { requests?: Record<string, string> };
}

interface ClassLite {
  provisioner?: string;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  allowVolumeExpansion?: boolean;
}

const claimSpec = (c: KubeObject): ClaimSpec => (c.spec ?? {}) as ClaimSpec;
const phaseOf = (o: KubeObject): string | undefined => (o.status as { phase?: string } | undefined)?.phase;

/** What the controller should do for a claim right now (pure). */
export type ClaimAction =
  | { kind: 'none' }
  | { kind: 'wait-for-consumer' }
  | { kind: 'no-class'; message: string }
  | { kind: 'provision'; className: string }
  | { kind: 'bind-existing'; pvName: string }
  | { kind: 'expand'; to: string };

export function claimAction(pvc: KubeObject, cls: KubeObject | undefined, pv: KubeObject | undefined): ClaimAction {
  if (pvc.metadata.deletionTimestamp) return { kind: 'none' };
  const spec = claimSpec(pvc);
  if (phaseOf(pvc) === 'Bound') {
    const want = spec.resources?.requests?.storage;
    const have = (pvc.status as { capacity?: Record<string, string> } | undefined)?.capacity?.storage;
    if (want && have && milli(want) > milli(have) && (cls as ClassLite | undefined)?.allowVolumeExpansion) return { kind: 'expand', to: want };
    return { kind: 'none' };
  }
  if (spec.volumeName) return pv ? { kind: 'bind-existing', pvName: spec.volumeName } : { kind: 'none' };
  const className = spec.storageClassName;
  if (!className) return { kind: 'none' }; // static binding only; the simulation has no unclaimed PVs to offer
  if (!cls) return { kind: 'no-class', message: `storageclass.storage.k8s.io "${className}" not found` };
  if ((cls as ClassLite).volumeBindingMode === 'WaitForFirstConsumer' && !pvc.metadata.annotations?.[SELECTED_NODE_ANNOTATION]) return { kind: 'wait-for-consumer' };
  return { kind: 'provision', className };
}

/** The PersistentVolume provisioned for a claim. */
export function volumeFor(pvc: KubeObject, cls: KubeObject): KubeObject {
  const spec = claimSpec(pvc);
  const c = cls as ClassLite;
  const name = `pvc-${pvc.metadata.uid}`;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, annotations: { 'pv.kubernetes.io/provisioned-by': PROVISIONER, 'volume.kubernetes.io/provisioner-deletion-secret-name': '', 'volume.kubernetes.io/provisioner-deletion-secret-namespace': '' } },
    spec: {
      capacity: { storage: spec.resources?.requests?.storage ?? '1Gi' },
      accessModes: spec.accessModes ?? ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: c.reclaimPolicy ?? 'Delete',
      storageClassName: cls.metadata.name,
      volumeMode: spec.volumeMode ?? 'Filesystem',
      claimRef: { kind: 'PersistentVolumeClaim', namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid, apiVersion: 'v1', resourceVersion: pvc.metadata.resourceVersion },
      csi: { driver: 'simulated.ordinal.dev', volumeHandle: name, fsType: 'ext4', volumeAttributes: { 'storage.kubernetes.io/csiProvisionerIdentity': 'ordinal-simulated' } },
    },
  };
}

export class VolumeController {
  private readonly claims: Informer;
  private readonly classes: Informer;
  private readonly volumes: Informer;
  private readonly queue: WorkQueue;
  /** One source for every claim event (E-22 "pick one"): two recorders would race for event names. */
  private readonly events: EventRecorder;
  private readonly waitingNoted = new Set<string>();

  constructor(
    private readonly client: ClusterClient,
    private readonly ctx: SimContext,
  ) {
    this.claims = ctx.informers.for(PVCS);
    this.classes = ctx.informers.for(STORAGE_CLASSES);
    this.volumes = ctx.informers.for(PVS);
    this.queue = new WorkQueue(ctx.clock);
    const onErr = (e: unknown) => ctx.log(errorText(e));
    this.events = new EventRecorder(client, ctx.clock, { component: 'persistentvolume-controller' }, onErr);
    const enqueue = (c: KubeObject) => this.queue.add(`claim:${objectKey(c)}`);
    this.claims.addHandlers({ onAdd: enqueue, onUpdate: (_o, c) => enqueue(c), onDelete: (c) => this.queue.add(`gone:${c.metadata.uid}:${objectKey(c)}`) });
    this.classes.addHandlers({ onAdd: (sc) => this.classChanged(sc), onUpdate: (_o, sc) => this.classChanged(sc) });
  }

  run(): void {
    this.queue.run((key) => this.sync(key), 2, (key, e) => this.ctx.log(`volumes ${key}: ${errorText(e)}`));
  }

  stop(): void {
    this.queue.shutdown();
  }

  async flush(): Promise<void> {
    await this.events.flush();
  }

  private classChanged(sc: KubeObject): void {
    for (const c of this.claims.list()) if (claimSpec(c).storageClassName === sc.metadata.name && phaseOf(c) !== 'Bound') this.queue.add(`claim:${objectKey(c)}`);
  }

  /** The default class (newest of several, like upstream) for claims created before it existed. */
  defaultClass(): KubeObject | undefined {
    return this.classes
      .list()
      .filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true')
      .sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''))[0];
  }

  private async sync(key: string): Promise<void> {
    if (key.startsWith('gone:')) return this.claimGone(key);
    const { namespace, name } = splitKey(key.slice('claim:'.length));
    const pvc = this.claims.get(namespace, name);
    if (!pvc) return;
    const spec = claimSpec(pvc);
    const cls = spec.storageClassName ? this.classes.get(undefined, spec.storageClassName) : undefined;
    const pv = spec.volumeName ? this.volumes.get(undefined, spec.volumeName) : undefined;
    const action = claimAction(pvc, cls, pv);
    const ref = referenceTo(pvc, 'v1', 'PersistentVolumeClaim');
    switch (action.kind) {
      case 'none':
        return;
      case 'wait-for-consumer':
        if (!this.waitingNoted.has(pvc.metadata.uid ?? '')) {
          this.waitingNoted.add(pvc.metadata.uid ?? '');
          this.events.event(ref, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
        }
        return;
      case 'no-class':
        this.events.event(ref, 'Warning', 'ProvisioningFailed', action.message);
        return;
      case 'provision':
        return this.provision(pvc, cls!);
      case 'bind-existing':
        return this.bindClaim(pvc, pv!);
      case 'expand':
        return this.expand(pvc, action.to);
    }
  }

  private async provision(pvc: KubeObject, cls: KubeObject): Promise<void> {
    const ref = referenceTo(pvc, 'v1', 'PersistentVolumeClaim');
    const desired = volumeFor(pvc, cls);
    let pv = this.volumes.get(undefined, desired.metadata.name ?? '');
    if (!pv) {
      this.events.event(
        ref,
        'Normal',
        'ExternalProvisioning',
        `Waiting for a volume to be created either by the external provisioner '${PROVISIONER}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
      );
      this.events.event(ref, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${pvc.metadata.namespace}/${pvc.metadata.name}"`);
      try {
        pv = await this.client.create(PVS, undefined, desired);
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
        pv = await this.client.get(PVS, undefined, desired.metadata.name ?? '');
      }
      this.events.event(ref, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pv.metadata.name}`);
    }
    await this.bindClaim(pvc, pv);
  }

  private async bindClaim(pvc: KubeObject, pv: KubeObject): Promise<void> {
    const ns = pvc.metadata.namespace;
    const pvName = pv.metadata.name ?? '';
    if (phaseOf(pv) !== 'Bound') {
      await this.client.patch(PVS, undefined, pvName, 'merge', { status: { phase: 'Bound' } }, { subresource: 'status' });
    }
    if (claimSpec(pvc).volumeName !== pvName || pvc.metadata.annotations?.['pv.kubernetes.io/bind-completed'] !== 'yes') {
      const annotations = {
        'pv.kubernetes.io/bind-completed': 'yes',
        'pv.kubernetes.io/bound-by-controller': 'yes',
        'volume.beta.kubernetes.io/storage-provisioner': PROVISIONER,
        'volume.kubernetes.io/storage-provisioner': PROVISIONER,
      };
      await this.client.patch(PVCS, ns, pvc.metadata.name ?? '', 'merge', { metadata: { annotations }, spec: { volumeName: pvName } });
    }
    const pvSpec = pv.spec as { capacity?: Record<string, string>; accessModes?: string[] };
    await this.client.patch(
      PVCS,
      ns,
      pvc.metadata.name ?? '',
      'merge',
      { status: { phase: 'Bound', accessModes: pvSpec.accessModes, capacity: pvSpec.capacity } },
      { subresource: 'status' },
    );
  }

  private async expand(pvc: KubeObject, to: string): Promise<void> {
    const pvName = claimSpec(pvc).volumeName ?? '';
    const ref = referenceTo(pvc, 'v1', 'PersistentVolumeClaim');
    this.events.event(ref, 'Normal', 'Resizing', `External resizer is resizing volume ${pvName}`);
    await this.client.patch(PVS, undefined, pvName, 'merge', { spec: { capacity: { storage: to } } });
    await this.client.patch(PVCS, pvc.metadata.namespace, pvc.metadata.name ?? '', 'merge', { status: { capacity: { storage: to }, allocatedResources: { storage: to } } }, { subresource: 'status' });
    this.events.event(ref, 'Normal', 'VolumeResizeSuccessful', `resize volume "${pvName}" by resizer "${PROVISIONER}" finished successfully`);
  }

  /** Claim deleted: reclaim its dynamically provisioned volume. */
  private async claimGone(key: string): Promise<void> {
    const uid = key.split(':')[1];
    this.waitingNoted.delete(uid);
    const pv = this.volumes.list().find((v) => (v.spec as { claimRef?: { uid?: string } } | undefined)?.claimRef?.uid === uid);
    if (!pv) return;
    const policy = (pv.spec as { persistentVolumeReclaimPolicy?: string }).persistentVolumeReclaimPolicy ?? 'Delete';
    try {
      if (policy === 'Delete') await this.client.delete(PVS, undefined, pv.metadata.name ?? '');
      else await this.client.patch(PVS, undefined, pv.metadata.name ?? '', 'merge', { status: { phase: 'Released' } }, { subresource: 'status' });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}

export function start(client: ClusterClient, ctx: SimContext): VolumeController {
  return new VolumeController(client, ctx);
}
