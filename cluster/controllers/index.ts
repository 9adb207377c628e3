// Starts the embedded cluster's controllers against the in-process ClusterClient: the
// StatefulSet controller (statefulset/) and the node-side simulation with its housekeeping
// controllers (scheduler, kubelets, volumes, endpoints, garbage collector, namespace and
// service-account controllers — gc/simulation.ts), all over one set of shared informers so
// each resource is listed and watched once.
import type { ClusterClient } from '../client/types';
import type { ResourceRef } from '../types';
import { ScaledClock, type Clock } from './runtime/clock';
import type { Informer } from './runtime/informer';
import { StatefulSetController } from './statefulset/statefulSetController';
import { startSimulation, type RunningSimulation } from './gc/simulation';

export interface ControllerOptions {
  /** Simulated-time factor (`--speed`). */
  speed: number;
  /** A clock shared with the node simulation; defaults to ScaledClock(speed) (wall-clock time, scaled durations). */
  clock?: Clock;
  log?: (msg: string) => void;
  /** Shared informers; defaults to the simulation's factory. */
  informerFor?: (ref: ResourceRef) => Informer;
  /** Cluster CA for the kube-root-ca.crt ConfigMaps. */
  caPem?: string;
}

export interface RunningControllers {
  /** Resolves once every controller's caches are filled and its workers run. */
  ready: Promise<void>;
  statefulSets: StatefulSetController;
  simulation: RunningSimulation;
  /** What the API server serves from the kubelet simulation (pods/log, metrics.k8s.io, stats summary). */
  podLogs: RunningSimulation['podLogs'];
  metrics: RunningSimulation['metrics'];
  nodeStats: RunningSimulation['nodeStats'];
  stop(): void;
}

export function startControllers(client: ClusterClient, opts: ControllerOptions): RunningControllers {
  const clock = opts.clock ?? new ScaledClock(opts.speed);
  const simulation = startSimulation(client, { clock, log: opts.log, caPem: opts.caPem });
  const statefulSets = new StatefulSetController(client, {
    clock,
    log: opts.log,
    informerFor: opts.informerFor ?? ((ref) => simulation.ctx.informers.for(ref)),
  });
  let stopped = false;
  const stopAll = (): void => {
    statefulSets.stop();
    simulation.stop();
  };
  const ready = Promise.all([simulation.ready, statefulSets.start()]).then(() => {
    if (stopped) stopAll();
  });
  // Never leave an unhandled rejection behind; callers that care await `ready`.
  ready.catch((err: unknown) => opts.log?.(`controllers failed to start: ${String(err)}`));
  return {
    ready,
    statefulSets,
    simulation,
    podLogs: simulation.podLogs,
    metrics: simulation.metrics,
    nodeStats: simulation.nodeStats,
    stop() {
      stopped = true;
      stopAll();
    },
  };
}
