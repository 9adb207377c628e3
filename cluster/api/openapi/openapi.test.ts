import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openapiSchemaNameForKind, openapiV3Document, openapiV3Index } from './index';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking parsed JSON documents in assertions

function doc(path: string): Json {
  const d = openapiV3Document(path);
  if (!d) throw new Error(`no document for ${path}`);
  return JSON.parse(d.body) as Json;
}

function patchOpFor(d: Json, group: string, version: string, kind: string): Json | undefined {
  for (const item of Object.values(d.paths as Record<string, Json>)) {
    const gvk = item.patch?.['x-kubernetes-group-version-kind'];
    if (gvk && gvk.group === group && gvk.version === version && gvk.kind === kind) return item.patch as Json;
  }
  return undefined;
}

describe('/openapi/v3 index (D-13)', () => {
  it('lists every served group-version with the hash of its document', () => {
    const index = openapiV3Index() as { paths: Record<string, { serverRelativeURL: string }> };
    expect(Object.keys(index.paths)).toEqual(expect.arrayContaining(['api/v1', 'apis/apps/v1', 'apis/policy/v1', 'apis/metrics.k8s.io/v1beta1']));
    const apps = openapiV3Document('apis/apps/v1');
    const expected = createHash('sha512').update(apps!.body).digest('hex').toUpperCase();
    expect(apps!.hash).toBe(expected);
    expect(index.paths['apis/apps/v1'].serverRelativeURL).toBe(`/openapi/v3/apis/apps/v1?hash=${expected}`);
  });

  it('returns undefined for group-versions that are not served and is stable across calls', () => {
    expect(openapiV3Document('apis/batch/v1')).toBeUndefined();
    expect(openapiV3Document('nonsense')).toBeUndefined();
    expect(openapiV3Document('apis/apps/v1')!.hash).toBe(openapiV3Document('/openapi/v3/apis/apps/v1')!.hash);
  });
});

describe('group-version documents (D-14)', () => {
  it('has a PATCH path for every writable kind, with the GVK, fieldValidation and the four patch types', () => {
    for (const [path, group, version, kind] of [
      ['apis/apps/v1', 'apps', 'v1', 'StatefulSet'],
      ['apis/apps/v1', 'apps', 'v1', 'ControllerRevision'],
      ['api/v1', '', 'v1', 'ConfigMap'],
      ['api/v1', '', 'v1', 'Pod'],
      ['api/v1', '', 'v1', 'Namespace'],
      ['apis/policy/v1', 'policy', 'v1', 'PodDisruptionBudget'],
      ['apis/rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io', 'v1', 'RoleBinding'],
    ] as const) {
      const op = patchOpFor(doc(path), group, version, kind);
      expect(op, `${kind} patch`).toBeDefined();
      expect(op!.parameters.some((p: Json) => p.name === 'fieldValidation' && p.in === 'query')).toBe(true);
      expect(Object.keys(op!.requestBody.content)).toEqual([
        'application/apply-patch+yaml',
        'application/json-patch+json',
        'application/merge-patch+json',
        'application/strategic-merge-patch+json',
      ]);
    }
  });

  it('names the statefulset patch path and scale subresource like upstream', () => {
    const d = doc('apis/apps/v1');
    const item = d.paths['/apis/apps/v1/namespaces/{namespace}/statefulsets/{name}'];
    expect(item.patch.operationId).toBe('patchAppsV1NamespacedStatefulSet');
    expect(item.patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', kind: 'StatefulSet', version: 'v1' });
    const scale = d.paths['/apis/apps/v1/namespaces/{namespace}/statefulsets/{name}/scale'];
    expect(scale.patch['x-kubernetes-group-version-kind']).toEqual({ group: 'autoscaling', kind: 'Scale', version: 'v1' });
    expect(d.paths['/apis/apps/v1/statefulsets'].get.operationId).toBe('listAppsV1StatefulSetForAllNamespaces');
  });

  it('gives each kind schema an x-kubernetes-group-version-kind array and allOf references', () => {
    const s = doc('apis/apps/v1').components.schemas;
    const sts = s['io.k8s.api.apps.v1.StatefulSet'];
    expect(sts['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'StatefulSet', version: 'v1' }]);
    expect(sts.properties.metadata.description).toBe(
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    );
    expect(sts.properties.spec.allOf).toEqual([{ $ref: '#/components/schemas/io.k8s.api.apps.v1.StatefulSetSpec' }]);
    const spec = s['io.k8s.api.apps.v1.StatefulSetSpec'];
    expect(spec.required).toEqual(['selector', 'template']);
    expect(spec.properties.replicas).toMatchObject({ type: 'integer', format: 'int32' });
    expect(spec.properties.replicas.description).toMatch(/^replicas is the desired number of replicas/);
    expect(spec.properties.updateStrategy.allOf[0].$ref).toBe('#/components/schemas/io.k8s.api.apps.v1.StatefulSetUpdateStrategy');
    // Every $ref resolves inside the same document.
    const body = openapiV3Document('apis/apps/v1')!.body;
    for (const m of body.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) expect(s[m[1]], m[1]).toBeDefined();
    // Paragraphs and bullet lists flattened by the client generator are restored.
    expect(sts.description).toContain('Identities are defined as:\n  - Network: A single stable DNS and hostname.\n  - Storage:');
    expect(sts.description).toContain('requested.\n\nThe StatefulSet guarantees');
    expect(s['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties.managedFields.description).toContain("users typically shouldn't need");
    expect(s['io.k8s.api.autoscaling.v1.Scale']['x-kubernetes-group-version-kind']).toEqual([{ group: 'autoscaling', kind: 'Scale', version: 'v1' }]);
  });

  it('carries the 5.4 patch strategies and list types on list fields', () => {
    const s = doc('api/v1').components.schemas;
    const podSpec = s['io.k8s.api.core.v1.PodSpec'].properties;
    expect(podSpec.containers).toMatchObject({
      type: 'array',
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
    });
    expect(podSpec.volumes['x-kubernetes-patch-strategy']).toBe('merge,retainKeys');
    expect(podSpec.tolerations['x-kubernetes-patch-strategy']).toBeUndefined();
    const ports = s['io.k8s.api.core.v1.Container'].properties.ports;
    expect(ports['x-kubernetes-patch-merge-key']).toBe('containerPort');
    expect(ports['x-kubernetes-list-map-keys']).toEqual(['containerPort', 'protocol']);
    const meta = s['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties;
    expect(meta.ownerReferences['x-kubernetes-patch-merge-key']).toBe('uid');
    expect(meta.finalizers['x-kubernetes-patch-strategy']).toBe('merge');
    expect(meta.creationTimestamp).toMatchObject({ type: 'string', format: 'date-time' });
  });

  it('maps special types: IntOrString, Quantity, RawExtension, byte', () => {
    const apps = doc('apis/apps/v1').components.schemas;
    const ru = apps['io.k8s.api.apps.v1.RollingUpdateStatefulSetStrategy'].properties;
    expect(ru.maxUnavailable.allOf[0].$ref).toBe('#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString');
    expect(apps['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({
      format: 'int-or-string',
      oneOf: [{ type: 'integer' }, { type: 'string' }],
    });
    expect(apps['io.k8s.apimachinery.pkg.api.resource.Quantity'].oneOf).toEqual([{ type: 'string' }, { type: 'number' }]);
    expect(apps['io.k8s.api.apps.v1.ControllerRevision'].properties.data).toMatchObject({
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
    });
    const core = doc('api/v1').components.schemas;
    expect(core['io.k8s.api.core.v1.ResourceRequirements'].properties.limits.additionalProperties.allOf[0].$ref).toBe(
      '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity',
    );
    expect(core['io.k8s.api.core.v1.Secret'].properties.data.additionalProperties).toEqual({ type: 'string', format: 'byte' });
  });

  it('drops fields newer than Kubernetes 1.32 (D-15)', () => {
    const core = doc('api/v1').components.schemas;
    expect(core['io.k8s.api.core.v1.PodSpec'].properties).not.toHaveProperty('hostnameOverride');
    expect(core['io.k8s.api.core.v1.Container'].properties).not.toHaveProperty('restartPolicyRules');
    expect(core['io.k8s.api.core.v1.PodSpec'].properties).toHaveProperty('schedulingGates');
    const apps = doc('apis/apps/v1').components.schemas;
    expect(apps['io.k8s.api.apps.v1.DeploymentStatus'].properties).not.toHaveProperty('terminatingReplicas');
  });

  it('puts core types under io.k8s.api.core.v1 even when only apps kinds reach them', () => {
    const apps = doc('apis/apps/v1').components.schemas;
    expect(apps['io.k8s.api.core.v1.PodTemplateSpec']).toBeDefined();
    expect(apps['io.k8s.api.apps.v1.PodTemplateSpec']).toBeUndefined();
    expect(doc('api/v1').components.schemas['io.k8s.api.core.v1.Event']['x-kubernetes-group-version-kind']).toEqual([
      { group: '', kind: 'Event', version: 'v1' },
    ]);
    expect(doc('apis/events.k8s.io/v1').components.schemas['io.k8s.api.events.v1.Event']).toBeDefined();
    expect(openapiSchemaNameForKind('apps/v1', 'StatefulSet')).toBe('io.k8s.api.apps.v1.StatefulSet');
    expect(openapiSchemaNameForKind('metrics.k8s.io/v1beta1', 'PodMetrics')).toBe('io.k8s.metrics.pkg.apis.metrics.v1beta1.PodMetrics');
  });
});
