// Scheduler events (E-10..E-12). The upstream scheduler records through the events.k8s.io/v1
// API, so seen through core/v1 its events carry eventTime, action, reportingComponent and
// reportingInstance, no source and no first/lastTimestamp; repeats grow `series` instead of
// `count`.
import type { KubeObject } from '../../types';
import type { ClusterClient } from '../../client/types';
import type { Clock } from '../runtime/clock';
import { EVENTS, errorText, isNotFound } from '../runtime/objects';

const REPORTING_COMPONENT = 'default-scheduler';
const REPORTING_INSTANCE = 'default-scheduler-ordinal';

/** metav1.MicroTime: RFC 3339 with microseconds. */
function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export class SchedulerEvents {
  private chain: Promise<void> = Promise.resolve();
  private readonly seen = new Map<string, { name: string; namespace: string; count: number }>();
  private lastNanos = 0n;

  constructor(
    private readonly client: ClusterClient,
    private readonly clock: Clock,
    private readonly log: (msg: string) => void,
  ) {}

  record(pod: KubeObject, type: 'Normal' | 'Warning', reason: string, action: string, message: string): void {
    const now = this.clock.now();
    const key = [pod.metadata.uid, reason, message].join('\u0000');
    const prior = this.seen.get(key);
    if (prior) {
      prior.count++;
      const patch = { series: { count: prior.count, lastObservedTime: microTime(now) } };
      const { name, namespace } = prior;
      this.enqueue(async () => {
        try {
          await this.client.patch(EVENTS, namespace, name, 'merge', patch);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      });
      return;
    }
    // Half a millisecond off the kubelet recorder's names so the two never pick the same one.
    let nanos = BigInt(now) * 1_000_000n + 500_000n;
    if (nanos <= this.lastNanos) nanos = this.lastNanos + 1n;
    this.lastNanos = nanos;
    const namespace = pod.metadata.namespace ?? 'default';
    const name = `${pod.metadata.name}.${nanos.toString(16)}`;
    this.seen.set(key, { name, namespace, count: 1 });
    if (this.seen.size > 4096) this.seen.delete(this.seen.keys().next().value as string);
    const ev: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: { kind: 'Pod', namespace, name: pod.metadata.name, uid: pod.metadata.uid, apiVersion: 'v1', resourceVersion: pod.metadata.resourceVersion },
      reason,
      message,
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type,
      eventTime: microTime(now),
      action,
      reportingComponent: REPORTING_COMPONENT,
      reportingInstance: REPORTING_INSTANCE,
    };
    this.enqueue(async () => {
      await this.client.create(EVENTS, namespace, ev);
    });
  }

  flush(): Promise<void> {
    return this.chain;
  }

  private enqueue(write: () => Promise<void>): void {
    this.chain = this.chain.then(write).catch((e: unknown) => this.log(`unable to write event: ${errorText(e)}`));
  }
}
