// Shared informers for the simulation controllers (client-go's SharedInformerFactory): one
// LIST+WATCH per resource however many controllers read it. The garbage collector is the
// widest reader (every stored kind), so the factory lives beside it.
import type { ResourceRef } from '../../types';
import type { ClusterClient } from '../../client/types';
import type { Clock } from '../runtime/clock';
import { Informer } from '../runtime/informer';
import { errorText } from '../runtime/objects';

export class SharedInformers {
  private readonly informers = new Map<string, Informer>();
  private started = false;

  constructor(
    private readonly client: ClusterClient,
    private readonly clock: Clock,
    private readonly log: (msg: string) => void = () => {},
  ) {}

  /** The informer for `ref`; handlers must be added before start() to see the initial list. */
  for(ref: ResourceRef): Informer {
    const key = `${ref.group}/${ref.version}/${ref.resource}`;
    let inf = this.informers.get(key);
    if (!inf) {
      inf = new Informer(this.client, ref, this.clock, {}, (e) => this.log(`informer ${ref.resource}: ${errorText(e)}`));
      this.informers.set(key, inf);
      if (this.started) void inf.start().catch((e: unknown) => this.log(`informer ${ref.resource}: ${errorText(e)}`));
    }
    return inf;
  }

  async start(): Promise<void> {
    this.started = true;
    await Promise.all([...this.informers.values()].map((i) => i.start()));
  }

  stop(): void {
    for (const i of this.informers.values()) i.stop();
  }
}

/** What every simulation controller's start(client, ctx) receives. */
export interface SimContext {
  clock: Clock;
  informers: SharedInformers;
  log: (msg: string) => void;
}

export interface Stoppable {
  stop(): void;
}
