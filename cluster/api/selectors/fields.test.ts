import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types';
import { isStatusError } from '../errors';
import { matchesFields, parseFieldSelector } from './index';

const PODS = { group: '', resource: 'pods' };
const pod = (name: string, phase: string, node: string, extra: Record<string, unknown> = {}): KubeObject => ({
  metadata: { name, namespace: 'default' },
  spec: { nodeName: node, restartPolicy: 'Always', ...extra },
  status: { phase, podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }] },
});

function badRequest(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isStatusError(e)) {
      expect(e.code).toBe(400);
      expect(e.status.reason).toBe('BadRequest');
      return e.status.message ?? '';
    }
    throw e;
  }
  throw new Error('expected a 400');
}

describe('parseFieldSelector / matchesFields (L-8)', () => {
  const pods = [pod('a', 'Running', 'node-1'), pod('b', 'Pending', 'node-9'), pod('c', 'Running', 'node-9', { hostNetwork: true })];
  const pick = (s: string) => pods.filter((p) => matchesFields(parseFieldSelector(s, PODS), p)).map((p) => p.metadata.name);

  it('selects pods by phase, node, name and hostNetwork with =, == and !=', () => {
    expect(pick('status.phase=Running,spec.nodeName!=node-9')).toEqual(['a']);
    expect(pick('spec.nodeName==node-9')).toEqual(['b', 'c']);
    expect(pick('metadata.name=b')).toEqual(['b']);
    expect(pick('metadata.namespace=default')).toEqual(['a', 'b', 'c']);
    expect(pick('spec.hostNetwork=false')).toEqual(['a', 'b']);
    expect(pick('status.podIP=10.0.0.1,')).toEqual(['a', 'b', 'c']);
    expect(pick('spec.host=node-1')).toEqual(['a']);
    expect(pick('')).toEqual(['a', 'b', 'c']);
  });

  it('answers 400 for fields the kind does not support', () => {
    expect(badRequest(() => parseFieldSelector('spec.foo=bar', PODS))).toBe('field label not supported: spec.foo');
    expect(badRequest(() => parseFieldSelector('spec.replicas=1', { group: 'apps', resource: 'statefulsets' }))).toBe(
      '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    expect(badRequest(() => parseFieldSelector('spec.parallelism=1', { group: 'batch', resource: 'jobs' }))).toBe(
      'field label "spec.parallelism" not supported for batchv1.Job',
    );
    expect(badRequest(() => parseFieldSelector('metadata.namespace=x', { group: '', resource: 'nodes' }))).toBe('field label not supported: metadata.namespace');
  });

  it('answers 400 for malformed terms and escapes', () => {
    expect(badRequest(() => parseFieldSelector('status.phase', PODS))).toBe("invalid selector: 'status.phase'; can't understand 'status.phase'");
    expect(badRequest(() => parseFieldSelector('metadata.name=a\\b', PODS))).toBe('invalid field selector: invalid escape sequence: \\b');
    expect(badRequest(() => parseFieldSelector('metadata.name=a=b', PODS))).toBe('invalid field selector: unescaped character in value: =');
    const esc = parseFieldSelector('metadata.name=a\\,b', PODS);
    expect(matchesFields(esc, { metadata: { name: 'a,b' } })).toBe(true);
  });

  it('selects core events by involvedObject, reason, type and source', () => {
    const d = { group: '', resource: 'events' };
    const ev: KubeObject = {
      metadata: { name: 'e1', namespace: 'default' },
      involvedObject: { kind: 'StatefulSet', name: 'web', namespace: 'default', uid: 'u1' },
      reason: 'SuccessfulCreate',
      type: 'Normal',
      source: { component: 'statefulset-controller' },
      reportingComponent: 'statefulset-controller',
    };
    expect(matchesFields(parseFieldSelector('involvedObject.kind=StatefulSet,involvedObject.name=web,involvedObject.uid=u1', d), ev)).toBe(true);
    expect(matchesFields(parseFieldSelector('reason=SuccessfulCreate,type=Normal,source=statefulset-controller', d), ev)).toBe(true);
    expect(matchesFields(parseFieldSelector('type=Warning', d), ev)).toBe(false);
    expect(badRequest(() => parseFieldSelector('regarding.name=web', d))).toBe('field label not supported: regarding.name');
  });

  it('selects events.k8s.io events by regarding.* and reportingController', () => {
    const d = { group: 'events.k8s.io', resource: 'events' };
    const ev: KubeObject = { metadata: { name: 'e1' }, regarding: { kind: 'Pod', name: 'web-0' }, reportingController: 'kubelet', type: 'Warning' };
    expect(matchesFields(parseFieldSelector('regarding.kind=Pod,regarding.name=web-0,reportingController=kubelet,type=Warning', d), ev)).toBe(true);
    expect(badRequest(() => parseFieldSelector('involvedObject.name=x', d))).toBe('field label not supported: involvedObject.name');
  });

  it('supports secrets type, namespaces status.phase and nodes spec.unschedulable', () => {
    expect(matchesFields(parseFieldSelector('type=Opaque', { group: '', resource: 'secrets' }), { metadata: {}, type: 'Opaque' })).toBe(true);
    expect(matchesFields(parseFieldSelector('status.phase=Active', { group: '', resource: 'namespaces' }), { metadata: {}, status: { phase: 'Active' } })).toBe(true);
    expect(matchesFields(parseFieldSelector('spec.unschedulable=false', { group: '', resource: 'nodes' }), { metadata: { name: 'n' }, spec: {} })).toBe(true);
  });
});
