import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types';
import { computeSlice, computeSubsets } from './compute';

const svc = (spec: Record<string, unknown> = {}): KubeObject => ({ metadata: { name: 'web', namespace: 'default', uid: 's' }, spec: { clusterIP: 'None', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec } });

function pod(name: string, ip: string | undefined, ready: boolean, extra: { deleting?: boolean; labels?: Record<string, string>; phase?: string; subdomain?: string } = {}): KubeObject {
  return {
    metadata: { name, namespace: 'default', uid: `u-${name}`, labels: extra.labels ?? { app: 'web' }, ...(extra.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { hostname: name, subdomain: extra.subdomain ?? 'web', nodeName: 'node-1', containers: [{ name: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }] },
    status: { phase: extra.phase ?? 'Running', ...(ip ? { podIP: ip } : {}), conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

describe('Endpoints subsets', () => {
  it('ready pods as addresses sorted by IP, unready ones apart, named target ports resolved', () => {
    const subsets = computeSubsets(svc(), [pod('web-1', '10.244.1.10', true), pod('web-0', '10.244.1.9', true), pod('web-2', '10.244.2.3', false)]);
    expect(subsets).toEqual([
      {
        addresses: [
          { ip: '10.244.1.9', hostname: 'web-0', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: 'u-web-0' } },
          { ip: '10.244.1.10', hostname: 'web-1', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'u-web-1' } },
        ],
        notReadyAddresses: [{ ip: '10.244.2.3', hostname: 'web-2', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-2', uid: 'u-web-2' } }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  const excluded: [string, KubeObject][] = [
    ['no IP yet', pod('a', undefined, false)],
    ['terminating', pod('b', '10.0.0.2', true, { deleting: true })],
    ['finished', pod('c', '10.0.0.3', false, { phase: 'Succeeded' })],
    ['other labels', pod('d', '10.0.0.4', true, { labels: { app: 'db' } })],
  ];
  for (const [name, p] of excluded) it(`leaves out a pod that is ${name}`, () => expect(computeSubsets(svc(), [p])).toEqual([]));

  it('hostname only when the pod subdomain names the service; publishNotReadyAddresses lists unready pods as ready', () => {
    const s = computeSubsets(svc({ publishNotReadyAddresses: true }), [pod('x', '10.0.0.9', false, { subdomain: 'other' })]);
    expect(s[0].addresses?.[0].hostname).toBeUndefined();
    expect(s[0].notReadyAddresses).toBeUndefined();
  });
});

describe('EndpointSlice endpoints', () => {
  it('terminating pods stay with ready=false, terminating=true; zone from the node', () => {
    const r = computeSlice(svc(), [pod('web-0', '10.244.1.9', true), pod('web-1', '10.244.1.10', true, { deleting: true })], () => 'zone-a');
    expect(r.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(r.endpoints.map((e) => [e.targetRef.name, e.conditions, e.zone, e.hostname])).toEqual([
      ['web-0', { ready: true, serving: true, terminating: false }, 'zone-a', 'web-0'],
      ['web-1', { ready: false, serving: true, terminating: true }, 'zone-a', 'web-1'],
    ]);
  });
});
