// metrics.k8s.io/v1beta1 schemas (M-3). client-node has no models for the metrics API, so the
// few types are written out here, named as metrics-server publishes them.
import type { Schema } from './schemas';

const PKG = 'io.k8s.metrics.pkg.apis.metrics.v1beta1';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

const ref = (name: string): Schema => ({ allOf: [{ $ref: `#/components/schemas/${name}` }] });
const typeMeta: Record<string, Schema> = {
  apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.' },
  kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.' },
};
const usage: Schema = {
  type: 'object',
  additionalProperties: ref(QUANTITY),
  description: 'The memory and CPU usage, as quantities.',
};
const gvk = (kind: string) => [{ group: 'metrics.k8s.io', kind, version: 'v1beta1' }];

export const METRICS_SCHEMAS: Record<string, Schema> = {
  [`${PKG}.ContainerMetrics`]: {
    description: 'ContainerMetrics sets resource usage metrics of a container.',
    properties: { name: { type: 'string', description: 'Container name corresponding to the one from pod.spec.containers.' }, usage },
    required: ['name', 'usage'],
    type: 'object',
  },
  [`${PKG}.NodeMetrics`]: {
    description: 'NodeMetrics sets resource usage metrics of a node.',
    properties: {
      ...typeMeta,
      metadata: ref(`${META}.ObjectMeta`),
      timestamp: { type: 'string', format: 'date-time', description: 'The following fields define time interval from which metrics were collected.' },
      window: { type: 'string' },
      usage,
    },
    required: ['timestamp', 'window', 'usage'],
    type: 'object',
    'x-kubernetes-group-version-kind': gvk('NodeMetrics'),
  },
  [`${PKG}.NodeMetricsList`]: {
    description: 'NodeMetricsList is a list of NodeMetrics.',
    properties: { ...typeMeta, metadata: ref(`${META}.ListMeta`), items: { type: 'array', items: ref(`${PKG}.NodeMetrics`) } },
    required: ['items'],
    type: 'object',
    'x-kubernetes-group-version-kind': gvk('NodeMetricsList'),
  },
  [`${PKG}.PodMetrics`]: {
    description: 'PodMetrics sets resource usage metrics of a pod.',
    properties: {
      ...typeMeta,
      metadata: ref(`${META}.ObjectMeta`),
      timestamp: { type: 'string', format: 'date-time', description: 'The following fields define time interval from which metrics were collected.' },
      window: { type: 'string' },
      containers: { type: 'array', items: ref(`${PKG}.ContainerMetrics`), description: 'Metrics for all containers are collected within the same time window.' },
    },
    required: ['timestamp', 'window', 'containers'],
    type: 'object',
    'x-kubernetes-group-version-kind': gvk('PodMetrics'),
  },
  [`${PKG}.PodMetricsList`]: {
    description: 'PodMetricsList is a list of PodMetrics.',
    properties: { ...typeMeta, metadata: ref(`${META}.ListMeta`), items: { type: 'array', items: ref(`${PKG}.PodMetrics`) } },
    required: ['items'],
    type: 'object',
    'x-kubernetes-group-version-kind': gvk('PodMetricsList'),
  },
};

export function metricsSchemaName(kind: string): string | undefined {
  const name = `${PKG}.${kind}`;
  return METRICS_SCHEMAS[name] ? name : undefined;
}
