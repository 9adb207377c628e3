// core/v1 Event recorder in the manner of client-go tools/record (semantics §7.1, E-1/E-2):
// events are named `<object>.<hex nanoseconds>`, repeats of the same
// source/object/type/reason/message patch the existing Event (count+1, new lastTimestamp),
// more than 10 distinct messages for one source/object/type/reason within 600 s are merged
// into a "(combined from similar events): " event, and each source/object pair has a token
// bucket of 25 events refilled at one per 5 minutes. Writes are asynchronous and ordered, as
// client-go's broadcaster does; `flush()` waits for them (tests, shutdown).
import type { KubeObject } from '../../types';
import type { ClusterClient } from '../../client/types';
import type { Clock } from './clock';
import { rfc3339 } from './clock';
import { EVENTS, errorText, isNotFound } from './objects';

export type EventType = 'Normal' | 'Warning';

export interface EventSource {
  component: string;
  host?: string;
}

export interface InvolvedObject {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

interface CoreEvent extends KubeObject {
  involvedObject: InvolvedObject;
  reason: string;
  message: string;
  source: EventSource;
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  type: EventType;
  eventTime: null;
  reportingComponent: string;
  reportingInstance: string;
}

const MAX_LRU = 4096;
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
const SPAM_BURST = 25;
const SPAM_REFILL_MS = 300_000; // one token per 5 minutes
export const COMBINED_PREFIX = '(combined from similar events): ';

/** Minimal TypeMeta knowledge for objects read from caches that may lack apiVersion/kind. */
export function referenceTo(obj: KubeObject, apiVersion: string, kind: string, fieldPath?: string): InvolvedObject {
  const ref: InvolvedObject = {
    kind: obj.kind ?? kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name,
    uid: obj.metadata.uid,
    apiVersion: obj.apiVersion ?? apiVersion,
    resourceVersion: obj.metadata.resourceVersion,
  };
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

export class EventRecorder {
  private chain: Promise<void> = Promise.resolve();
  private readonly observed = new Map<string, { name: string; namespace: string; count: number; firstTimestamp: string }>();
  private readonly aggregates = new Map<string, { messages: Set<string>; last: number }>();
  private readonly buckets = new Map<string, { tokens: number; last: number }>();
  private lastNanos = 0n;

  constructor(
    private readonly client: ClusterClient,
    private readonly clock: Clock,
    private readonly source: EventSource,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** Records an event about `ref` (build it with referenceTo). */
  event(ref: InvolvedObject, type: EventType, reason: string, message: string): void {
    const now = this.clock.now();
    const ev = this.makeEvent(ref, type, reason, message, now);
    // Aggregation by reason (client-go EventAggregatorByReasonFunc).
    const objKey = [this.source.component, this.source.host ?? '', ref.kind, ref.namespace, ref.name, ref.fieldPath ?? '', ref.uid, ref.apiVersion].join('\u0000');
    const aggKey = [objKey, type, reason, this.source.component, this.source.host ?? ''].join('\u0000');
    let agg = this.aggregates.get(aggKey);
    if (!agg || now - agg.last > AGGREGATE_INTERVAL_MS) agg = { messages: new Set(), last: now };
    agg.messages.add(message);
    agg.last = now;
    this.aggregates.set(aggKey, agg);
    let key = [objKey, type, reason, message].join('\u0000');
    if (agg.messages.size >= AGGREGATE_MAX_EVENTS) {
      ev.message = COMBINED_PREFIX + message;
      key = aggKey;
    }
    // Spam filter per source+object.
    if (!this.takeToken(objKey, now)) return;
    const seen = this.observed.get(key);
    if (seen) {
      seen.count++;
      const patch = { count: seen.count, lastTimestamp: ev.lastTimestamp, message: ev.message };
      const target = { ...seen };
      ev.metadata.name = seen.name;
      ev.firstTimestamp = seen.firstTimestamp;
      ev.count = seen.count;
      this.enqueue(async () => {
        try {
          await this.client.patch(EVENTS, target.namespace, target.name, 'merge', patch);
        } catch (err) {
          // The Event expired or was deleted: create it again under its old name.
          if (!isNotFound(err)) throw err;
          await this.client.create(EVENTS, target.namespace, ev);
        }
      });
    } else {
      this.observed.set(key, { name: ev.metadata.name as string, namespace: ev.metadata.namespace as string, count: 1, firstTimestamp: ev.firstTimestamp });
      if (this.observed.size > MAX_LRU) this.observed.delete(this.observed.keys().next().value as string);
      this.enqueue(async () => {
        await this.client.create(EVENTS, ev.metadata.namespace, ev);
      });
    }
  }

  /** Resolves when every event recorded so far has been written (or failed). */
  flush(): Promise<void> {
    return this.chain;
  }

  private enqueue(write: () => Promise<void>): void {
    this.chain = this.chain.then(write).catch((err: unknown) => this.onError(new Error(`unable to write event: ${errorText(err)}`)));
  }

  private takeToken(key: string, now: number): boolean {
    let b = this.buckets.get(key);
    if (!b) b = { tokens: SPAM_BURST, last: now };
    b.tokens = Math.min(SPAM_BURST, b.tokens + (now - b.last) / SPAM_REFILL_MS);
    b.last = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  private makeEvent(ref: InvolvedObject, type: EventType, reason: string, message: string, now: number): CoreEvent {
    // Name suffix is the creation time in nanoseconds, hex; keep it strictly increasing so two
    // events in the same millisecond never collide.
    let nanos = BigInt(now) * 1_000_000n;
    if (nanos <= this.lastNanos) nanos = this.lastNanos + 1n;
    this.lastNanos = nanos;
    const ts = rfc3339(now);
    const source: EventSource = { component: this.source.component };
    if (this.source.host) source.host = this.source.host;
    return {
      kind: 'Event',
      apiVersion: 'v1',
      metadata: { name: `${ref.name}.${nanos.toString(16)}`, namespace: ref.namespace || 'default' },
      involvedObject: ref,
      reason,
      message,
      source,
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
    };
  }
}
