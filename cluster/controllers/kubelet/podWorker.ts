// One simulated pod on one node (upstream kubelet pod worker): sandbox, image pulls, init
// containers in order, app containers, probes, crashes with back-off, the sim.ordinal switches
// and graceful termination. Timers exist only while something is in transition; a running pod
// whose probes cannot change outcome costs nothing until its spec or annotations change.
import type { KubeObject } from '../../types';
import { PODS, errorText, isConflict, isNotFound } from '../runtime/objects';
import type { Probe } from '../scheduler/podResources';
import { preStopMs, probeLabel, probeOutcome, probeTiming, runBehaviour, type ProbeKind } from './behaviour';
import { backoffMs, defaultPullPolicy, goDuration, imageID, imageSize, normalizeImage, pullDurationMs, pullErrorMessage, pullFails } from './images';
import type { ContainerState, Terminated } from './podState';
import { PodWorkerBase, newContainerID } from './podWorkerBase';

export type { KubeletHost } from './podWorkerBase';

const SANDBOX_MS = 300;
const CREATE_MS = 100;
const INIT_RUN_MS = 500;
const BACKOFF_STATE_MS = 1000;
const CLEAN_RUN_RESET_MS = 10 * 60_000;
/**
 * Wall-clock floor between a graceful DELETE and the kubelet's final removal. A real kubelet
 * needs a PLEG relist and a status sync (hundreds of ms at least); a sped-up one removed pods
 * within ~15 ms, which trips `kubectl delete pod`'s wait: its LIST found nothing, the
 * StatefulSet's replacement (same name) arrived before the precondition poll (100 ms), and
 * kubectl then waited forever for a DELETED event of the new pod. Simulation-only choice.
 */
const REMOVAL_FLOOR_REAL_MS = 250;

export class PodWorker extends PodWorkerBase {
  // ---- lifecycle ----

  /** Adopts what an earlier run of the kubelet reported, or starts from scratch. */
  begin(): void {
    const st = (this.pod.status ?? {}) as { hostIP?: string; podIP?: string; startTime?: string; phase?: string };
    if (st.hostIP && st.startTime) {
      this.recover(st);
      this.watchDeadline();
      return;
    }
    this.watchDeadline();
    this.changed();
    this.after(SANDBOX_MS, () => this.sandboxReady());
  }

  private sandboxReady(): void {
    if (!this.host.volumesReady(this.pod)) {
      this.waitingForVolumes = true;
      return;
    }
    this.waitingForVolumes = false;
    this.state.sandboxReady = true;
    // hostNetwork pods share the node's address; the others get one from the node's pod CIDR.
    this.state.podIP = this.spec().hostNetwork ? this.state.hostIP : this.host.allocateIP(this.state.nodeName);
    this.changed();
    this.next();
  }

  /** spec.activeDeadlineSeconds, counted from startTime: the kubelet fails the pod (DeadlineExceeded). */
  private watchDeadline(): void {
    const ads = this.spec().activeDeadlineSeconds;
    if (ads === undefined) return;
    const leftSim = ads * 1000 - (this.host.clock.now() - this.state.startTime) * this.host.clock.speed;
    this.after(Math.max(0, leftSim), () => {
      if (!this.state.terminalPhase && !this.state.terminating) this.failPod('DeadlineExceeded');
    });
  }

  /** Claims or config changed: retry what was waiting on them. */
  dependenciesChanged(): void {
    if (this.waitingForVolumes && this.host.volumesReady(this.pod)) this.sandboxReady();
    for (const c of this.state.containers) if (c.waitingReason === 'CreateContainerConfigError' && !this.pendingStarts.has(c.name)) this.startContainer(c);
  }

  /** Starts whatever may run now: the next init container, else every app container. */
  private next(): void {
    if (this.state.terminating || this.state.terminalPhase || !this.state.sandboxReady) return;
    const inits = this.state.containers.filter((c) => c.init);
    for (const c of inits) {
      if (c.sidecar) {
        if (c.state === 'waiting' && !c.lastTerminated && !this.pendingStarts.has(c.name)) return this.startContainer(c);
        if (!c.started) return;
        continue;
      }
      if (c.state === 'terminated' && c.terminated?.exitCode === 0) continue;
      if (c.state === 'waiting' && !this.pendingStarts.has(c.name) && !c.lastTerminated) this.startContainer(c);
      return;
    }
    const apps = this.state.containers.filter((c) => !c.init);
    for (const c of apps) if (c.waitingReason === 'PodInitializing') c.waitingReason = 'ContainerCreating';
    // Upstream starts app containers one after the other in one sync; pulls are serial.
    const first = apps.find((c) => c.state === 'waiting' && !c.lastTerminated && !this.pendingStarts.has(c.name) && c.waitingReason !== 'ImagePullBackOff' && c.waitingReason !== 'ErrImagePull');
    if (first) this.startContainer(first);
    this.changed();
  }

  private startContainer(c: ContainerState): void {
    if (this.state.terminating || this.state.terminalPhase) return;
    this.pendingStarts.add(c.name);
    const image = c.spec.image ?? '';
    const node = this.state.nodeName;
    const policy = c.spec.imagePullPolicy ?? defaultPullPolicy(image);
    const create = () => {
      const err = this.host.configError(this.pod, c.spec);
      if (err) {
        this.pendingStarts.delete(c.name);
        c.waitingReason = 'CreateContainerConfigError';
        c.waitingMessage = err;
        this.event('Warning', 'Failed', `Error: ${err}`, c);
        this.changed();
        this.after(backoffMs(c.pullFailures++), () => this.dependenciesChanged());
        this.next();
        return;
      }
      this.after(CREATE_MS, () => this.run(c));
    };
    if (policy !== 'Always' && this.host.imagePresent(node, image) && !pullFails(image)) {
      this.event('Normal', 'Pulled', `Container image "${image}" already present on machine`, c);
      return create();
    }
    this.event('Normal', 'Pulling', `Pulling image "${image}"`, c);
    const t0 = this.host.clock.now();
    const dur = this.host.imagePresent(node, image) ? 400 + (pullDurationMs(image) % 300) : pullDurationMs(image);
    this.after(dur, () => {
      if (pullFails(image)) return this.pullFailed(c);
      c.pullFailures = 0;
      this.host.markImagePresent(node, image);
      const took = goDuration(Math.max(1, Math.round((this.host.clock.now() - t0) * this.host.clock.speed) || dur));
      this.event('Normal', 'Pulled', `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${imageSize(image)} bytes.`, c);
      create();
    });
  }

  private pullFailed(c: ContainerState): void {
    const image = c.spec.image ?? '';
    const err = pullErrorMessage(image);
    this.pendingStarts.delete(c.name);
    c.waitingReason = 'ErrImagePull';
    c.waitingMessage = err;
    this.event('Warning', 'Failed', `Failed to pull image "${image}": ${err}`, c);
    this.event('Warning', 'Failed', 'Error: ErrImagePull', c);
    this.changed();
    const delay = backoffMs(c.pullFailures++);
    this.after(BACKOFF_STATE_MS, () => {
      c.waitingReason = 'ImagePullBackOff';
      c.waitingMessage = `Back-off pulling image "${image}"`;
      this.event('Normal', 'BackOff', `Back-off pulling image "${image}"`, c);
      this.event('Warning', 'Failed', 'Error: ImagePullBackOff', c);
      this.changed();
      // Other containers of the pod are not held up by this one (upstream continues the sync).
      this.next();
    });
    this.after(delay, () => this.startContainer(c));
  }

  private run(c: ContainerState): void {
    this.pendingStarts.delete(c.name);
    const now = this.host.clock.now();
    if (c.created) c.restartCount++;
    c.created = true;
    c.containerID = newContainerID();
    c.imageRef = normalizeImage(c.spec.image ?? '');
    c.imageID = imageID(c.spec.image ?? '');
    c.state = 'running';
    c.startedAt = now;
    c.waitingReason = undefined;
    c.waitingMessage = undefined;
    c.terminated = undefined;
    c.probes = { readiness: { successes: 0, failures: 0 }, liveness: { successes: 0, failures: 0 }, startup: { successes: 0, failures: 0 } };
    this.event('Normal', 'Created', `Created container ${c.name}`, c);
    this.event('Normal', 'Started', `Started container ${c.name}`, c);
    c.started = !c.spec.startupProbe;
    const behaviour = runBehaviour(c.spec);
    let exitAfter = behaviour.exitAfterMs;
    if (c.init && !c.sidecar && exitAfter === undefined && !(c.spec.command?.length)) exitAfter = INIT_RUN_MS;
    if (exitAfter !== undefined) {
      const startedAt = c.startedAt;
      this.after(exitAfter, () => {
        if (c.state === 'running' && c.startedAt === startedAt) this.exited(c, behaviour.exitCode, behaviour.exitCode === 0 ? 'Completed' : 'Error');
      });
    }
    if (c.init && !c.sidecar) {
      c.ready = false;
    } else {
      this.setupProbes(c);
    }
    this.changed();
    this.next();
  }

  // ---- probes (P-7, P-8, P-11) ----

  private probeOf(c: ContainerState, kind: ProbeKind): Probe | undefined {
    return kind === 'readiness' ? c.spec.readinessProbe : kind === 'liveness' ? c.spec.livenessProbe : c.spec.startupProbe;
  }

  private setupProbes(c: ContainerState): void {
    if (!c.started) return this.scheduleProbe(c, 'startup');
    if (!c.spec.readinessProbe) c.ready = this.pod.metadata.annotations?.['sim.ordinal/ready'] !== 'false';
    else this.scheduleProbe(c, 'readiness');
    this.scheduleLivenessIfFailing(c);
  }

  private scheduleLivenessIfFailing(c: ContainerState): void {
    const p = c.spec.livenessProbe;
    if (!p || c.probes.liveness.timer || !c.started) return;
    if (!probeOutcome('liveness', p, c.spec, this.pod, this.state.podIP ?? '').success) this.scheduleProbe(c, 'liveness');
  }

  /** Next probe at startedAt + initialDelay + k·period (the probe worker's fixed cadence). */
  private scheduleProbe(c: ContainerState, kind: ProbeKind): void {
    const probe = this.probeOf(c, kind);
    const slot = c.probes[kind];
    if (!probe || slot.timer || c.state !== 'running') return;
    const t = probeTiming(probe);
    // startedAt/now are wall-clock ms, initialDelay is simulated: scale before subtracting.
    const elapsedSim = (this.host.clock.now() - (c.startedAt ?? 0)) * this.host.clock.speed - t.initialDelayMs;
    let k = elapsedSim <= 0 ? 0 : Math.ceil(elapsedSim / t.periodMs);
    if (slot.lastSlot !== undefined && k <= slot.lastSlot) k = slot.lastSlot + 1; // never twice in one period
    const waitSim = Math.max(0, k * t.periodMs - elapsedSim);
    const startedAt = c.startedAt;
    slot.timer = this.after(waitSim, () => {
      slot.timer = undefined;
      slot.lastSlot = k;
      if (c.state === 'running' && c.startedAt === startedAt) this.probe(c, kind);
    });
  }

  private probe(c: ContainerState, kind: ProbeKind): void {
    const probe = this.probeOf(c, kind)!;
    const t = probeTiming(probe);
    const slot = c.probes[kind];
    const out = probeOutcome(kind, probe, c.spec, this.pod, this.state.podIP ?? '');
    let again = true;
    if (out.success) {
      slot.successes++;
      slot.failures = 0;
      if (kind === 'startup' && slot.successes >= t.successThreshold) {
        c.started = true;
        this.changed();
        this.setupProbes(c);
        again = false;
      } else if (kind === 'readiness' && slot.successes >= t.successThreshold) {
        if (!c.ready) {
          c.ready = true;
          this.changed();
        }
        again = false; // outcome is a function of spec+annotations: nothing to observe until they change
      } else if (kind === 'liveness') again = false;
    } else {
      slot.failures++;
      slot.successes = 0;
      this.event('Warning', 'Unhealthy', `${probeLabel(kind)} probe failed: ${out.output}`, c);
      if (slot.failures >= t.failureThreshold) {
        if (kind === 'readiness') {
          if (c.ready) {
            c.ready = false;
            this.changed();
          }
        } else {
          this.event('Normal', 'Killing', `Container ${c.name} failed ${kind} probe, will be restarted`, c);
          this.exited(c, 137, 'Error');
          return;
        }
      }
    }
    if (again) this.scheduleProbe(c, kind);
  }

  // ---- exits, restarts (P-10) ----

  private clearProbes(c: ContainerState): void {
    for (const k of ['readiness', 'liveness', 'startup'] as const) {
      c.probes[k].timer?.();
      c.probes[k].timer = undefined;
    }
  }

  private exited(c: ContainerState, exitCode: number, reason: string): void {
    const now = this.host.clock.now();
    this.clearProbes(c);
    const term: Terminated = { exitCode, reason, startedAt: c.startedAt ?? now, finishedAt: now, containerID: c.containerID ?? '' };
    c.state = 'terminated';
    c.terminated = term;
    c.ready = false;
    c.started = false;
    const ranMs = (now - term.startedAt) * this.host.clock.speed;
    if (ranMs >= CLEAN_RUN_RESET_MS) c.crashes = 0;
    this.changed();
    if (c.init && !c.sidecar && exitCode === 0) {
      c.ready = true; // upstream reports a completed init container as ready
      return this.next();
    }
    const policy = this.spec().restartPolicy ?? 'Always';
    const restart = c.sidecar || policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
    if (!restart || this.state.terminating) return;
    c.crashes++;
    const restartNow = () => {
      c.lastTerminated = term;
      this.startContainer(c);
    };
    if (c.crashes === 1) {
      this.after(BACKOFF_STATE_MS, restartNow);
      return;
    }
    const delay = backoffMs(c.crashes - 2);
    this.after(BACKOFF_STATE_MS, () => {
      if (c.state !== 'terminated') return;
      c.lastTerminated = term;
      c.terminated = undefined;
      c.state = 'waiting';
      c.waitingReason = 'CrashLoopBackOff';
      c.waitingMessage = `back-off ${goDuration(delay)} restarting failed container=${c.name} pod=${this.name}_${this.ns}(${this.state.uid})`;
      this.event('Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${this.name}_${this.ns}(${this.state.uid})`, c);
      this.changed();
    });
    this.after(BACKOFF_STATE_MS + delay, restartNow);
  }

  // ---- spec/annotation changes ----

  update(pod: KubeObject): void {
    const before = this.pod.metadata.annotations ?? {};
    this.pod = pod;
    if (pod.metadata.deletionTimestamp && !this.state.terminating) return this.terminate();
    const ann = pod.metadata.annotations ?? {};
    const fail = ann['sim.ordinal/fail'];
    if (fail && !this.state.terminalPhase && !this.state.terminating) return this.failPod(fail);
    if (before['sim.ordinal/ready'] !== ann['sim.ordinal/ready'] || before['sim.ordinal/live'] !== ann['sim.ordinal/live']) {
      for (const c of this.state.containers) {
        if (c.state !== 'running' || (c.init && !c.sidecar) || !c.started) continue;
        if (c.spec.readinessProbe) this.scheduleProbe(c, 'readiness');
        else {
          const ready = ann['sim.ordinal/ready'] !== 'false';
          if (ready !== c.ready) {
            c.ready = ready;
            this.changed();
          }
        }
        this.scheduleLivenessIfFailing(c);
      }
    }
    // An image change (rolling a pod in place) restarts that container like upstream.
    for (const c of this.state.containers) {
      const spec = [...(this.spec().initContainers ?? []), ...this.spec().containers].find((s) => s.name === c.name);
      if (spec && spec.image !== c.spec.image) {
        c.spec = spec;
        if (c.state === 'running') {
          this.event('Normal', 'Killing', `Container ${c.name} definition changed, will be restarted`, c);
          this.exited(c, 0, 'Completed');
        }
      }
    }
  }

  private failPod(reason: string): void {
    const now = this.host.clock.now();
    const message =
      reason === 'Evicted'
        ? 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 92Mi. '
        : reason === 'DeadlineExceeded'
          ? 'Pod was active on the node longer than the specified deadline'
          : `Pod was failed by the simulation (sim.ordinal/fail=${reason})`;
    if (reason === 'DeadlineExceeded') this.event('Normal', 'DeadlineExceeded', message);
    if (reason === 'Evicted') {
      this.event('Warning', 'Evicted', message);
      this.state.disruption = { reason: 'TerminationByKubelet', message, at: now };
    }
    for (const t of [...this.timers]) t();
    for (const c of this.state.containers) {
      this.clearProbes(c);
      if (c.state === 'running') {
        this.event('Normal', 'Killing', `Stopping container ${c.name}`, c);
        c.terminated = { exitCode: 137, reason: 'Error', startedAt: c.startedAt ?? now, finishedAt: now, containerID: c.containerID ?? '' };
        c.state = 'terminated';
      }
      c.ready = false;
      c.started = false;
    }
    this.state.terminalPhase = 'Failed';
    this.state.reason = reason;
    this.state.message = message;
    this.changed();
  }

  // ---- deletion (P-13, P-14) ----

  private terminate(): void {
    this.state.terminating = true;
    this.pendingStarts.clear();
    for (const t of [...this.timers]) t();
    const graceMs = (this.pod.metadata.deletionGracePeriodSeconds ?? this.spec().terminationGracePeriodSeconds ?? 30) * 1000;
    const now = this.host.clock.now();
    let last = 0;
    for (const c of this.state.containers) {
      this.clearProbes(c);
      c.ready = false;
      if (c.state !== 'running') continue;
      this.event('Normal', 'Killing', `Stopping container ${c.name}`, c);
      const b = runBehaviour(c.spec);
      const wants = preStopMs(c.spec) + (b.ignoresSigterm ? Infinity : 200);
      const killed = wants >= graceMs;
      const at = killed ? graceMs : wants;
      last = Math.max(last, at);
      const startedAt = c.startedAt;
      this.after(at, () => {
        if (c.state !== 'running' || c.startedAt !== startedAt) return;
        const t = this.host.clock.now();
        c.state = 'terminated';
        c.terminated = { exitCode: killed ? 137 : 0, reason: killed ? 'Error' : 'Completed', startedAt: c.startedAt ?? t, finishedAt: t, containerID: c.containerID ?? '' };
        c.started = false;
        this.changed();
      });
    }
    this.changed();
    this.after(Math.max(last + 50, REMOVAL_FLOOR_REAL_MS * this.host.clock.speed), () => void this.finish(now));
  }

  private async finish(_since: number): Promise<void> {
    if (!this.state.terminalPhase) {
      const apps = this.state.containers.filter((c) => !c.init);
      const allOk = apps.every((c) => c.state === 'terminated' && c.terminated?.exitCode === 0);
      this.state.terminalPhase = allOk ? 'Succeeded' : 'Failed';
    }
    this.changed();
    await this.flushed();
    if (this.disposed) return;
    try {
      await this.host.client.delete(PODS, this.ns, this.name, { gracePeriodSeconds: 0, preconditions: { uid: this.state.uid } });
    } catch (e) {
      if (!isNotFound(e) && !isConflict(e)) this.host.log(`delete pod ${this.ns}/${this.name}: ${errorText(e)}`);
    }
  }

  // ---- restart of the simulation on an existing data dir ----

  private recover(st: { hostIP?: string; podIP?: string; startTime?: string; phase?: string }): void {
    const s = this.state;
    s.startTime = Date.parse(st.startTime ?? '') || s.startTime;
    s.podIP = st.podIP;
    s.sandboxReady = !!st.podIP;
    const status = this.pod.status as { reason?: string; message?: string; initContainerStatuses?: Record<string, unknown>[]; containerStatuses?: Record<string, unknown>[]; conditions?: { type: string; status: string; lastTransitionTime?: string }[] };
    for (const cond of status.conditions ?? []) s.transitions.set(cond.type, { status: cond.status, at: Date.parse(cond.lastTransitionTime ?? '') || s.startTime });
    if (st.phase === 'Succeeded' || st.phase === 'Failed') {
      s.terminalPhase = st.phase;
      s.reason = status.reason;
      s.message = status.message;
    }
    const byName = new Map([...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])].map((c) => [c.name as string, c]));
    for (const c of s.containers) {
      const cs = byName.get(c.name) as
        | { state?: { running?: { startedAt: string }; terminated?: Record<string, unknown> }; lastState?: { terminated?: Record<string, unknown> }; restartCount?: number; ready?: boolean; started?: boolean; containerID?: string; imageID?: string; image?: string }
        | undefined;
      if (!cs) continue;
      c.restartCount = cs.restartCount ?? 0;
      const toTerm = (t: Record<string, unknown>): Terminated => ({
        exitCode: Number(t.exitCode ?? 0),
        reason: String(t.reason ?? ''),
        startedAt: Date.parse(String(t.startedAt ?? '')) || 0,
        finishedAt: Date.parse(String(t.finishedAt ?? '')) || 0,
        containerID: String(t.containerID ?? ''),
      });
      if (cs.lastState?.terminated) c.lastTerminated = toTerm(cs.lastState.terminated);
      if (cs.containerID) {
        c.created = true;
        c.containerID = cs.containerID;
        c.imageID = cs.imageID;
        c.imageRef = cs.image;
      }
      if (cs.state?.running) {
        c.state = 'running';
        c.startedAt = Date.parse(cs.state.running.startedAt) || s.startTime;
        c.started = cs.started ?? true;
        c.ready = cs.ready ?? false;
        this.host.markImagePresent(s.nodeName, c.spec.image ?? '');
      } else if (cs.state?.terminated) {
        c.state = 'terminated';
        c.terminated = toTerm(cs.state.terminated);
      }
    }
    if (this.pod.metadata.deletionTimestamp) return this.terminate();
    if (s.terminalPhase) return;
    if (!s.sandboxReady) {
      this.after(SANDBOX_MS, () => this.sandboxReady());
      return;
    }
    let restarted = false;
    for (const c of s.containers) {
      if (c.state === 'running') {
        const b = runBehaviour(c.spec);
        if (b.exitAfterMs !== undefined) {
          const left = Math.max(0, b.exitAfterMs - (this.host.clock.now() - (c.startedAt ?? 0)) * this.host.clock.speed);
          const startedAt = c.startedAt;
          this.after(left, () => {
            if (c.state === 'running' && c.startedAt === startedAt) this.exited(c, b.exitCode, b.exitCode === 0 ? 'Completed' : 'Error');
          });
        }
        if (!(c.init && !c.sidecar)) {
          if (!c.ready || !c.started) this.setupProbes(c);
          else this.scheduleLivenessIfFailing(c);
        }
      } else if (!(c.state === 'terminated' && c.init && !c.sidecar && c.terminated?.exitCode === 0)) {
        // Waiting or crashed: start it again (its back-off history is lost with the old process).
        if (c.state === 'terminated' && c.terminated) c.lastTerminated = c.terminated;
        c.state = 'waiting';
        c.waitingReason = c.waitingReason ?? 'ContainerCreating';
        c.crashes = c.lastTerminated ? 1 : 0;
        restarted = true;
      }
    }
    // A pod that was simply running needs no write: a restart of the cluster stays invisible.
    if (!restarted) return;
    this.changed();
    this.next();
    for (const c of s.containers) if (c.state === 'waiting' && c.lastTerminated && !this.pendingStarts.has(c.name) && (!c.init || c.sidecar)) this.startContainer(c);
  }
}
