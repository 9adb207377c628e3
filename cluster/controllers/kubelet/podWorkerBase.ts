// The plumbing of a simulated pod: its state, timers that die with it, container events with
// their fieldPath, and coalesced status writes (a JSON patch guarded by a uid test, so a pod
// recreated under the same name is never written with this pod's status).
import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../../types';
import type { ClusterClient } from '../../client/types';
import type { Clock } from '../runtime/clock';
import type { EventRecorder, EventType } from '../runtime/eventRecorder';
import { referenceTo } from '../runtime/eventRecorder';
import { PODS, errorText, isConflict, isNotFound } from '../runtime/objects';
import type { ContainerSpec, PodSpec } from '../scheduler/podResources';
import { buildPodStatus, newContainerState, type ContainerState, type PodState } from './podState';

export interface KubeletHost {
  clock: Clock;
  client: ClusterClient;
  recorder(node: string): EventRecorder;
  imagePresent(node: string, image: string): boolean;
  markImagePresent(node: string, image: string): void;
  allocateIP(node: string): string;
  releaseIP(node: string, ip: string): void;
  /** CreateContainerConfigError text when an env source is missing (P-12). */
  configError(pod: KubeObject, c: ContainerSpec): string | undefined;
  /** false while a claim the pod mounts is not Bound (the real kubelet waits in volume setup). */
  volumesReady(pod: KubeObject): boolean;
  log(msg: string): void;
}

export function newContainerID(): string {
  return `containerd://${randomBytes(32).toString('hex')}`;
}

export class PodWorkerBase {
  readonly state: PodState;
  protected pod: KubeObject;
  protected timers = new Set<() => void>();
  protected disposed = false;
  private writeChain: Promise<void> = Promise.resolve();
  private dirty = false;
  protected waitingForVolumes = false;
  protected readonly pendingStarts = new Set<string>();

  constructor(
    protected readonly host: KubeletHost,
    pod: KubeObject,
    hostIP: string,
  ) {
    this.pod = pod;
    const spec = this.spec();
    const hasInit = (spec.initContainers ?? []).length > 0;
    this.state = {
      uid: pod.metadata.uid ?? '',
      nodeName: spec.nodeName ?? '',
      hostIP,
      startTime: host.clock.now(),
      sandboxReady: false,
      terminating: false,
      containers: [
        ...(spec.initContainers ?? []).map((c) => newContainerState(c, true, hasInit)),
        ...spec.containers.map((c) => newContainerState(c, false, hasInit)),
      ],
      transitions: new Map(),
    };
  }

  protected spec(): PodSpec {
    return (this.pod.spec ?? { containers: [] }) as PodSpec;
  }

  protected get name(): string {
    return this.pod.metadata.name ?? '';
  }

  protected get ns(): string {
    return this.pod.metadata.namespace ?? '';
  }

  // ---- timers and writes ----

  protected after(ms: number, fn: () => void): () => void {
    let cancel: () => void = () => {};
    const wrapped = () => {
      this.timers.delete(cancel);
      if (!this.disposed) fn();
    };
    const c = this.host.clock.setTimer(wrapped, ms);
    cancel = () => {
      c();
      this.timers.delete(cancel);
    };
    this.timers.add(cancel);
    return cancel;
  }

  protected event(type: EventType, reason: string, message: string, c?: ContainerState): void {
    const fieldPath = c ? `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}` : undefined;
    this.host.recorder(this.state.nodeName).event(referenceTo(this.pod, 'v1', 'Pod', fieldPath), type, reason, message);
  }

  /** Coalesces status changes of one turn into one write (JSON patch with a uid test, so a
   * recreated pod of the same name is never written with this pod's status). */
  protected changed(): void {
    if (this.dirty || this.disposed) return;
    this.dirty = true;
    queueMicrotask(() => {
      this.dirty = false;
      if (this.disposed) return;
      const status = buildPodStatus(this.state, this.pod, this.host.clock.now());
      const uid = this.state.uid;
      const patch = [
        { op: 'test', path: '/metadata/uid', value: uid },
        { op: 'replace', path: '/status', value: status },
      ];
      this.writeChain = this.writeChain
        .then(() => this.host.client.patch(PODS, this.ns, this.name, 'json', patch, { subresource: 'status' }))
        .then((p) => {
          if (!this.disposed && p.metadata.uid === uid) this.pod = p;
        })
        .catch((e: unknown) => {
          if (!isNotFound(e) && !isConflict(e) && !/test/i.test(errorText(e))) this.host.log(`pod ${this.ns}/${this.name} status: ${errorText(e)}`);
        });
    });
  }

  /** Resolves when the latest status write is done. */
  flushed(): Promise<void> {
    return new Promise<void>((r) => queueMicrotask(r)).then(() => this.writeChain);
  }

  dispose(): void {
    this.disposed = true;
    for (const t of [...this.timers]) t();
    if (this.state.podIP) this.host.releaseIP(this.state.nodeName, this.state.podIP);
  }

}
