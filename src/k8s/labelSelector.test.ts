import { describe, expect, it } from 'vitest';
import { formatRequirement, matchesSelector, parseSelector, tryParseSelector } from './labelSelector';

describe('label selector parsing', () => {
  it('parses every operator the label filter accepts', () => {
    expect(parseSelector('app=web, tier!=db,env, !legacy , zone in (a, b),x notin (y)')).toEqual([
      { key: 'app', op: 'Equals', values: ['web'] },
      { key: 'tier', op: 'NotEquals', values: ['db'] },
      { key: 'env', op: 'Exists', values: [] },
      { key: 'legacy', op: 'DoesNotExist', values: [] },
      { key: 'zone', op: 'In', values: ['a', 'b'] },
      { key: 'x', op: 'NotIn', values: ['y'] },
    ]);
  });

  it('accepts == and prefixed keys', () => {
    expect(parseSelector('app.kubernetes.io/name==web')).toEqual([
      { key: 'app.kubernetes.io/name', op: 'Equals', values: ['web'] },
    ]);
  });

  it('an empty text selects everything', () => {
    expect(parseSelector('  ')).toEqual([]);
    expect(matchesSelector([], undefined)).toBe(true);
  });

  it('rejects text that is not a selector', () => {
    for (const bad of ['bad key=1', 'a=(b', 'zone in (a,b', 'a=b c', ',', '=v', 'k=v!', `k=${'x'.repeat(64)}`]) {
      expect(tryParseSelector(bad), bad).toBeUndefined();
    }
  });

  it('formats requirements back to selector text', () => {
    const text = 'app=web,tier!=db,env,!legacy,zone in (a,b),x notin (y)';
    expect(parseSelector(text).map(formatRequirement).join(',')).toBe(text);
  });
});

describe('label selector matching', () => {
  const labels = { app: 'web', tier: 'db' };
  it('ANDs requirements', () => {
    expect(matchesSelector(parseSelector('app=web,tier=db'), labels)).toBe(true);
    expect(matchesSelector(parseSelector('app=web,tier=cache'), labels)).toBe(false);
  });
  it('!= and notin match objects without the key', () => {
    expect(matchesSelector(parseSelector('env!=prod'), labels)).toBe(true);
    expect(matchesSelector(parseSelector('env notin (prod)'), labels)).toBe(true);
    expect(matchesSelector(parseSelector('app notin (web)'), labels)).toBe(false);
  });
  it('exists / does not exist / in', () => {
    expect(matchesSelector(parseSelector('tier'), labels)).toBe(true);
    expect(matchesSelector(parseSelector('!tier'), labels)).toBe(false);
    expect(matchesSelector(parseSelector('tier in (db,cache)'), labels)).toBe(true);
    expect(matchesSelector(parseSelector('tier in (cache)'), labels)).toBe(false);
  });
});
