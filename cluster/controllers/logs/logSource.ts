// The PodLogSource the API server's pods/log handler reads (S-7, S-8): the generated lines of
// the container instance a request addresses, and follow as a subscription on the pod cache.
// Parameter handling (tail, since, limitBytes, timestamps) is the handler's.
import type { LogLine as ApiLogLine, PodLogSource } from '../../api/handlers/podLogs';
import type { KubeObject } from '../../types';
import type { Clock } from '../runtime/clock';
import { formatTimestamp, generateLines, type LogLine } from './generate';
import { followNewLines, instanceFor } from './podLogs';

const toApi = (l: LogLine): ApiLogLine => ({ time: formatTimestamp(l), text: l.text });

export class SimPodLogSource implements PodLogSource {
  constructor(
    private readonly clock: Clock,
    /** The pod as the informer cache has it now (for follow). */
    private readonly getPod: (namespace: string, name: string) => KubeObject | undefined,
  ) {}

  lines(pod: KubeObject, container: string, previous: boolean): ApiLogLine[] {
    const inst = instanceFor(pod, { container, previous }, this.clock.speed);
    return generateLines(inst, inst.startedAt, this.clock.now()).map(toApi);
  }

  follow(pod: KubeObject, container: string, onLine: (line: ApiLogLine) => void, onEnd: () => void): () => void {
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    return followNewLines(
      pod,
      container,
      this.clock.now(),
      {
        now: () => this.clock.now(),
        speed: this.clock.speed,
        getPod: () => this.getPod(ns, name),
        every: (fn, ms) => {
          const t = setInterval(fn, ms);
          t.unref?.();
          return () => clearInterval(t);
        },
      },
      (l) => onLine(toApi(l)),
      onEnd,
    );
  }
}
