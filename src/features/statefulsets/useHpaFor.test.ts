import { describe, expect, it } from 'vitest';
import { hpaFor, type Hpa } from './useHpaFor';
import type { StatefulSet } from '../../k8s/types';

const web = { metadata: { name: 'web', namespace: 'demo' }, spec: {} } as StatefulSet;
const hpa = (name: string, kind: string, target: string, ns = 'demo'): Hpa => ({
  metadata: { name, namespace: ns },
  spec: { scaleTargetRef: { kind, name: target }, minReplicas: 2, maxReplicas: 5 },
});

describe('HPA targeting a StatefulSet', () => {
  it('matches kind, name and namespace of the scale target', () => {
    expect(hpaFor([hpa('a', 'Deployment', 'web'), hpa('b', 'StatefulSet', 'web', 'other'), hpa('c', 'StatefulSet', 'web')], web)?.metadata.name).toBe('c');
    expect(hpaFor([hpa('a', 'StatefulSet', 'db')], web)).toBeUndefined();
  });
});
