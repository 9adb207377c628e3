// autoscaling/v1 <-> v2 HorizontalPodAutoscaler conversion (upstream autoscaling/v1 conversion.go).
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types';
import { hpaV1ToV2, hpaV2ToV1 } from './hpaView';

const ref = { kind: 'StatefulSet', name: 'web', apiVersion: 'apps/v1' };
const cpu = (n: number) => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: n } } });
const memory = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } };

describe('HPA v1 <-> v2', () => {
  it('maps targetCPUUtilizationPercentage to a CPU Resource metric and back', () => {
    const v1: KubeObject = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: ref, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 70 } };
    const v2 = hpaV1ToV2(v1);
    expect(v2).toEqual({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: ref, minReplicas: 2, maxReplicas: 5, metrics: [cpu(70)] } });
    expect(hpaV2ToV1(v2)).toEqual(v1);
  });

  it('defaults the CPU target to 80% when v1 names none', () => {
    const v2 = hpaV1ToV2({ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: ref, maxReplicas: 3 } });
    expect((v2.spec as { metrics: unknown[] }).metrics).toEqual([cpu(80)]);
  });

  it('keeps what v1 cannot express in the round-trip annotations', () => {
    const behavior = { scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] } };
    const conditions = [{ type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale' }];
    const current = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 42, averageValue: '21m' } } }];
    const v2: KubeObject = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', annotations: { team: 'a' } },
      spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 4, metrics: [cpu(60), memory], behavior },
      status: { currentReplicas: 2, desiredReplicas: 3, currentMetrics: current, conditions },
    };
    const v1 = hpaV2ToV1(v2);
    expect(v1.spec).toEqual({ scaleTargetRef: ref, minReplicas: 1, maxReplicas: 4, targetCPUUtilizationPercentage: 60 });
    expect(v1.status).toEqual({ currentReplicas: 2, desiredReplicas: 3, currentCPUUtilizationPercentage: 42 });
    expect(v1.metadata.annotations).toEqual({
      team: 'a',
      'autoscaling.alpha.kubernetes.io/metrics': JSON.stringify([memory]),
      'autoscaling.alpha.kubernetes.io/current-metrics': JSON.stringify(current),
      'autoscaling.alpha.kubernetes.io/conditions': JSON.stringify(conditions),
      'autoscaling.alpha.kubernetes.io/behavior': JSON.stringify(behavior),
    });
    expect(hpaV1ToV2(v1)).toEqual(v2);
  });
});
