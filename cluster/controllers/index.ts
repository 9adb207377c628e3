// Starts the embedded cluster's controllers against the in-process ClusterClient. Each
// controller is one folder (statefulset/ now; scheduler, kubelet, pvc provisioner, endpoints,
// garbage collector and namespace controllers join as further folders registered here).
import type { ClusterClient } from '../client/types';
import type { ResourceRef } from '../types';
import { ScaledClock, type Clock } from './runtime/clock';
import type { Informer } from './runtime/informer';
import { StatefulSetController } from './statefulset/statefulSetController';

export interface ControllerOptions {
  /** Simulated-time factor (`--speed`). */
  speed: number;
  /** A clock shared with the node simulation; defaults to ScaledClock(speed) (wall-clock time, scaled durations). */
  clock?: Clock;
  log?: (msg: string) => void;
  /** Shared informers (e.g. the simulation's factory) so each resource is listed and watched once. */
  informerFor?: (ref: ResourceRef) => Informer;
}

export interface RunningControllers {
  /** Resolves once every controller's caches are filled and its workers run. */
  ready: Promise<void>;
  statefulSets: StatefulSetController;
  stop(): void;
}

export function startControllers(client: ClusterClient, opts: ControllerOptions): RunningControllers {
  const clock = opts.clock ?? new ScaledClock(opts.speed);
  const statefulSets = new StatefulSetController(client, { clock, log: opts.log, informerFor: opts.informerFor });
  let stopped = false;
  const ready = statefulSets.start().then(() => {
    if (stopped) statefulSets.stop();
  });
  // Never leave an unhandled rejection behind; callers that care await `ready`.
  ready.catch((err: unknown) => opts.log?.(`controllers failed to start: ${String(err)}`));
  return {
    ready,
    statefulSets,
    stop() {
      stopped = true;
      statefulSets.stop();
    },
  };
}
