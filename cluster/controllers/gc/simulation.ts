// Starts the node-side simulation and the housekeeping controllers (scheduler, kubelets, volume
// provisioner, endpoints, garbage collector, namespace and service-account controllers) over one
// set of shared informers, and exposes what the API server serves from them (pods/log,
// metrics.k8s.io, nodes/proxy/stats/summary).
import type { ClusterClient } from '../../client/types';
import { ScaledClock, type Clock } from '../runtime/clock';
import { start as startEndpoints } from '../endpoints/endpointsController';
import { start as startKubelet, type Kubelet } from '../kubelet/kubelet';
import { start as startNamespaces } from '../namespace/namespaceController';
import { NODES, start as startScheduler, type Scheduler } from '../scheduler/scheduler';
import { start as startServiceAccounts } from '../serviceaccount/serviceAccountController';
import { start as startVolumes, type VolumeController } from '../volumes/provisioner';
import { SimPodLogSource } from '../logs/logSource';
import { SimMetrics } from '../metrics/metricsSource';
import { PODS } from '../runtime/objects';
import { start as startGC, type GarbageCollector } from './garbageCollector';
import type { Binder } from '../scheduler/binder';
import { SharedInformers, type SimContext } from './informerFactory';

export interface SimulationOptions {
  speed?: number;
  clock?: Clock;
  log?: (msg: string) => void;
  /** How the scheduler binds pods; defaults to the in-process pods/binding subresource. */
  bind?: Binder;
  /** Cluster CA for kube-root-ca.crt ConfigMaps; by default read from kube-system's copy. */
  caPem?: string;
}

export interface RunningSimulation {
  /** Resolves once caches are filled and every controller runs. */
  ready: Promise<void>;
  ctx: SimContext;
  scheduler: Scheduler;
  kubelet: Kubelet;
  volumes: VolumeController;
  gc: GarbageCollector;
  /** For the API server's pods/log handler (ApiServerOptions.podLogs). */
  podLogs: SimPodLogSource;
  /** For metrics.k8s.io (ApiServerOptions.metrics). */
  metrics: SimMetrics;
  /** For nodes/<n>/proxy/stats/summary (ApiServerOptions.nodeStats). */
  nodeStats: SimMetrics;
  /** Waits for queued status writes and events (tests). */
  flush(): Promise<void>;
  stop(): void;
}

const running = new WeakMap<ClusterClient, RunningSimulation>();

/** Idempotent per client: a second call returns the simulation already running on it. */
export function startSimulation(client: ClusterClient, opts: SimulationOptions = {}): RunningSimulation {
  const existing = running.get(client);
  if (existing) return existing;
  const clock = opts.clock ?? new ScaledClock(opts.speed ?? 1);
  const log = opts.log ?? (() => {});
  const informers = new SharedInformers(client, clock, log);
  const ctx: SimContext = { clock, informers, log };
  const scheduler = startScheduler(client, ctx, opts.bind);
  const kubelet = startKubelet(client, ctx);
  const volumes = startVolumes(client, ctx);
  const gc = startGC(client, ctx);
  const others = [startEndpoints(client, ctx), startNamespaces(client, ctx), startServiceAccounts(client, ctx, opts.caPem)];
  const all = [scheduler, kubelet, volumes, gc, ...others];
  const metrics = new SimMetrics(clock, informers.for(PODS), informers.for(NODES));
  let stopped = false;
  const ready = informers.start().then(() => {
    if (stopped) return;
    for (const c of all) c.run();
  });
  ready.catch((e: unknown) => log(`simulation failed to start: ${String(e)}`));
  const sim: RunningSimulation = {
    ready,
    ctx,
    scheduler,
    kubelet,
    volumes,
    gc,
    podLogs: new SimPodLogSource(clock, (ns, name) => informers.for(PODS).get(ns, name)),
    metrics,
    nodeStats: metrics,
    async flush() {
      await scheduler.flushEvents();
      await kubelet.flush();
      await volumes.flush();
    },
    stop() {
      stopped = true;
      running.delete(client);
      for (const c of all) c.stop();
      informers.stop();
    },
  };
  running.set(client, sim);
  return sim;
}
