// Builders for StatefulSet controller tests: a defaulted set (as the API server stores it),
// pods in a given state, and revisions.
import type { KubeObject } from '../../types';
import { newRevision } from './revisions';
import { newStatefulSetPod, setPodRevision } from './podIdentity';
import type { ControllerRevision, Pod, StatefulSet } from './types';

export const T0 = Date.parse('2025-03-01T10:00:00Z');

export function makeSet(over: Partial<StatefulSet['spec']> & { name?: string; image?: string; claims?: boolean } = {}): StatefulSet {
  const { name = 'web', image = 'nginx:1.27', claims = true, ...spec } = over;
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, generation: 1, resourceVersion: '1', creationTimestamp: '2025-03-01T09:00:00Z' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'nginx' } },
      serviceName: 'nginx',
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          containers: [
            {
              name: 'nginx', image, imagePullPolicy: 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
              // Without claim templates there is no `www` volume to mount (the pod would be invalid).
              ...(claims ? { volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] } : {}),
            },
          ],
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      },
      volumeClaimTemplates: claims
        ? [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' } }]
        : [],
      ...spec,
    },
    status: {},
  };
}

export function withImage(set: StatefulSet, image: string): StatefulSet {
  const s = structuredClone(set);
  const cs = s.spec.template.spec?.containers as { image: string }[];
  cs[0].image = image;
  s.metadata.generation = (s.metadata.generation ?? 1) + 1;
  return s;
}

export function revisionOf(set: StatefulSet, n: number): ControllerRevision {
  const r = newRevision(set, n, 0);
  r.metadata.uid = `rev-${r.metadata.name}`;
  r.metadata.creationTimestamp = '2025-03-01T09:00:00Z';
  return r;
}

export type PodState = 'pending' | 'running' | 'ready' | 'failed' | 'terminating' | 'terminating-ready';

/** A created pod of `set` at `revision`, in the given state; readySince = Ready transition time. */
export function makePod(set: StatefulSet, ordinal: number, revision: ControllerRevision, state: PodState = 'ready', readySince = T0 - 3_600_000): Pod {
  const pod = newStatefulSetPod(set, ordinal);
  setPodRevision(pod, revision.metadata.name ?? '');
  pod.metadata.uid = `pod-${ordinal}-${revision.metadata.name}`;
  pod.metadata.resourceVersion = '5';
  const ready = state === 'ready' || state === 'terminating-ready';
  const phase = state === 'pending' ? 'Pending' : state === 'failed' ? 'Failed' : 'Running';
  pod.status = {
    phase,
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: new Date(readySince).toISOString().replace('.000Z', 'Z') }],
  };
  if (state.startsWith('terminating')) pod.metadata.deletionTimestamp = '2025-03-01T10:00:30Z';
  return pod;
}

export function claimOf(set: StatefulSet, ordinal: number, owners: KubeObject['metadata']['ownerReferences'] = undefined): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: `www-${set.metadata.name}-${ordinal}`, namespace: 'default', uid: `pvc-${ordinal}`, ...(owners ? { ownerReferences: owners } : {}) },
    spec: {},
  };
}
