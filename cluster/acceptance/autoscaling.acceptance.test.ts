// autoscaling/v1 HorizontalPodAutoscalers next to v2 (kubectl autoscale creates v1): one set of
// objects, both versions discoverable, v2 preferred, converted like upstream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { cleanupFixtures, fixtureFile, STS_YAML } from './fixtures';
import { TestCluster } from './harness';

const c = new TestCluster();

beforeAll(async () => {
  await c.start();
}, 120_000);

afterAll(async () => {
  await c.stop();
  c.cleanup();
  cleanupFixtures();
});

describe('HorizontalPodAutoscaler v1 and v2', () => {
  it('discovery serves both versions with v2 preferred', async () => {
    const group = (await c.api('GET', '/apis/autoscaling')).json<{ versions: { version: string }[]; preferredVersion: { version: string } }>();
    expect(group.versions.map((v) => v.version)).toEqual(['v2', 'v1']);
    expect(group.preferredVersion.version).toBe('v2');
    const v1 = (await c.api('GET', '/apis/autoscaling/v1')).json<{ resources: { name: string; kind: string }[] }>();
    expect(v1.resources.map((r) => r.name)).toEqual(['horizontalpodautoscalers', 'horizontalpodautoscalers/status']);
  });

  it('kubectl autoscale creates an HPA that reads back in both versions', async () => {
    expect((await c.kubectl(['create', '-f', fixtureFile('sts.yaml', STS_YAML)])).stdout.trim()).toBe('statefulset.apps/web created');
    const r = await c.kubectl(['autoscale', 'sts', 'web', '--min=2', '--max=5', '--cpu-percent=70']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('horizontalpodautoscaler.autoscaling/web autoscaled');
    const v2 = JSON.parse((await c.kubectl(['get', 'hpa', 'web', '-o', 'json'])).stdout) as KubeObject;
    expect(v2.apiVersion).toBe('autoscaling/v2');
    expect(v2.spec).toMatchObject({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web' },
      minReplicas: 2,
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    });
    const v1 = (await c.api('GET', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/web')).json<KubeObject>();
    expect(v1.apiVersion).toBe('autoscaling/v1');
    expect(v1.spec).toEqual({ scaleTargetRef: { kind: 'StatefulSet', name: 'web', apiVersion: 'apps/v1' }, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 70 });
    expect(v1.metadata.resourceVersion).toBe(v2.metadata.resourceVersion);
    expect(JSON.parse(v1.metadata.annotations?.['autoscaling.alpha.kubernetes.io/behavior'] ?? '{}')).toEqual((v2.spec as { behavior: unknown }).behavior);
    const list = (await c.api('GET', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers')).json<{ kind: string; items: KubeObject[] }>();
    expect(list.kind).toBe('HorizontalPodAutoscalerList');
    expect(list.items.map((i) => [i.apiVersion ?? 'autoscaling/v1', (i.spec as { targetCPUUtilizationPercentage: number }).targetCPUUtilizationPercentage])).toEqual([['autoscaling/v1', 70]]);
  });

  it('a v1 update changes the stored v2 object', async () => {
    const v1 = (await c.api('GET', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/web')).json<KubeObject>();
    (v1.spec as { maxReplicas: number }).maxReplicas = 7;
    const put = await c.api('PUT', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/web', { body: JSON.stringify(v1) });
    expect(put.status).toBe(200);
    expect(put.json<KubeObject>().apiVersion).toBe('autoscaling/v1');
    expect((await c.kubectl(['get', 'hpa', 'web', '-o', 'jsonpath={.spec.maxReplicas} {.metadata.generation}'])).stdout).toBe('7 2');
    expect((await c.kubectl(['delete', 'hpa.v1.autoscaling', 'web'])).stdout.trim()).toBe('horizontalpodautoscaler.autoscaling "web" deleted');
  });
});
