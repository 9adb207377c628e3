// autoscaling/v1 HorizontalPodAutoscalers (kubectl autoscale) served from the autoscaling/v2
// storage, converted both ways like upstream pkg/apis/autoscaling/v1/conversion.go: the CPU
// utilization target maps to a Resource metric, everything v1 cannot express rides in the
// round-trip annotations.
import type { KubeObject } from '../../types';

const METRICS = 'autoscaling.alpha.kubernetes.io/metrics';
const CURRENT_METRICS = 'autoscaling.alpha.kubernetes.io/current-metrics';
const CONDITIONS = 'autoscaling.alpha.kubernetes.io/conditions';
const BEHAVIOR = 'autoscaling.alpha.kubernetes.io/behavior';
const ROUND_TRIP = [METRICS, CURRENT_METRICS, CONDITIONS, BEHAVIOR];
/** autoscaling.DefaultCPUUtilization */
const DEFAULT_CPU_UTILIZATION = 80;

type Obj = Record<string, unknown>;
interface Metric {
  type?: string;
  resource?: { name?: string; target?: { type?: string; averageUtilization?: number }; current?: { averageUtilization?: number } };
}

const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

function isCpu(m: Metric): boolean {
  return m.type === 'Resource' && m.resource?.name === 'cpu';
}

/** Sets `k` only when `v` is defined, keeping v1's field order. */
function put(o: Obj, k: string, v: unknown): void {
  if (v !== undefined) o[k] = v;
}

/** DropRoundTripHorizontalPodAutoscalerAnnotations: the annotations without the round-trip keys. */
function dropRoundTrip(annotations: Record<string, string> | undefined): { rest?: Record<string, string>; dropped: Record<string, string> } {
  if (!annotations) return { dropped: {} };
  const rest: Record<string, string> = {};
  const dropped: Record<string, string> = {};
  for (const [k, v] of Object.entries(annotations)) (ROUND_TRIP.includes(k) ? dropped : rest)[k] = v;
  return { rest: Object.keys(rest).length ? rest : undefined, dropped };
}

function parseJSON(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** autoscaling/v2 (stored) → autoscaling/v1. */
export function hpaV2ToV1(o: KubeObject): KubeObject {
  const spec = obj(o.spec);
  const status = obj(o.status);
  const metrics = list<Metric>(spec.metrics);
  const current = list<Metric>(status.currentMetrics);
  const conditions = list<unknown>(status.conditions);
  const { rest } = dropRoundTrip(o.metadata.annotations);
  const annotations: Record<string, string> = { ...(rest ?? {}) };
  const other = metrics.filter((m) => !(isCpu(m) && m.resource?.target?.type === 'Utilization' && m.resource.target.averageUtilization !== undefined));
  if (other.length) annotations[METRICS] = JSON.stringify(other);
  if (current.length) annotations[CURRENT_METRICS] = JSON.stringify(current);
  if (conditions.length) annotations[CONDITIONS] = JSON.stringify(conditions);
  if (spec.behavior) annotations[BEHAVIOR] = JSON.stringify(spec.behavior);
  const metadata = { ...o.metadata };
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  else delete metadata.annotations;

  const v1Spec: Obj = {};
  put(v1Spec, 'scaleTargetRef', spec.scaleTargetRef);
  put(v1Spec, 'minReplicas', spec.minReplicas);
  put(v1Spec, 'maxReplicas', spec.maxReplicas);
  const cpu = metrics.find(isCpu);
  if (cpu?.resource?.target?.type === 'Utilization') put(v1Spec, 'targetCPUUtilizationPercentage', cpu.resource.target.averageUtilization);

  const out: KubeObject = { kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v1', metadata, spec: v1Spec };
  if (o.status !== undefined) {
    const v1Status: Obj = {};
    put(v1Status, 'observedGeneration', status.observedGeneration);
    put(v1Status, 'lastScaleTime', status.lastScaleTime);
    v1Status.currentReplicas = status.currentReplicas ?? 0;
    v1Status.desiredReplicas = status.desiredReplicas ?? 0;
    const cur = current.find(isCpu)?.resource?.current?.averageUtilization;
    put(v1Status, 'currentCPUUtilizationPercentage', cur);
    out.status = v1Status;
  }
  return out;
}

/** autoscaling/v1 → autoscaling/v2 (stored). */
export function hpaV1ToV2(o: KubeObject): KubeObject {
  const spec = obj(o.spec);
  const status = o.status === undefined ? undefined : obj(o.status);
  const meta = o.metadata ?? {};
  const { rest, dropped } = dropRoundTrip(meta.annotations);
  const metadata = { ...meta };
  if (rest) metadata.annotations = rest;
  else delete metadata.annotations;

  const metrics: Metric[] = [];
  if (typeof spec.targetCPUUtilizationPercentage === 'number') {
    metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } });
  }
  metrics.push(...list<Metric>(parseJSON(dropped[METRICS])));
  // v1 had an implicit CPU default in the controller; conversion makes it explicit.
  if (!metrics.length) metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } });
  const v2Spec: Obj = {};
  put(v2Spec, 'scaleTargetRef', spec.scaleTargetRef);
  put(v2Spec, 'minReplicas', spec.minReplicas);
  put(v2Spec, 'maxReplicas', spec.maxReplicas);
  v2Spec.metrics = metrics;
  put(v2Spec, 'behavior', parseJSON(dropped[BEHAVIOR]));

  const out: KubeObject = { kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v2', metadata, spec: v2Spec };
  if (status) {
    const v2Status: Obj = {};
    put(v2Status, 'observedGeneration', status.observedGeneration);
    put(v2Status, 'lastScaleTime', status.lastScaleTime);
    put(v2Status, 'currentReplicas', status.currentReplicas);
    v2Status.desiredReplicas = status.desiredReplicas ?? 0;
    let current = list<Metric>(parseJSON(dropped[CURRENT_METRICS]));
    if (!current.length && typeof status.currentCPUUtilizationPercentage === 'number') {
      current = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: status.currentCPUUtilizationPercentage } } }];
    }
    if (current.length) v2Status.currentMetrics = current;
    const conditions = list<unknown>(parseJSON(dropped[CONDITIONS]));
    if (conditions.length) v2Status.conditions = conditions;
    out.status = v2Status;
  }
  return out;
}
