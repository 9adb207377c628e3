import { describe, expect, it } from 'vitest';
import { canonicalQuantity, formatLabels, formatLabelSelector, humanDuration, labelSelectorString } from './format';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration (apimachinery duration.HumanDuration, T-6)', () => {
  it.each([
    [-3 * S, '<invalid>'],
    [-1500, '0s'],
    [0, '0s'],
    [45 * S, '45s'],
    [119 * S, '119s'],
    [2 * M, '2m'],
    [2 * M + 3 * S, '2m3s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M + 30 * S, '10m'],
    [95 * M, '95m'],
    [3 * H - 1, '179m'],
    [3 * H, '3h'],
    [3 * H + 20 * M, '3h20m'],
    [8 * H + 59 * M, '8h'],
    [47 * H, '47h'],
    [2 * D, '2d'],
    [2 * D + 3 * H, '2d3h'],
    [8 * D, '8d'],
    [729 * D, '729d'],
    [2 * 365 * D + 10 * D, '2y10d'],
    [3 * 365 * D, '3y'],
    [9 * 365 * D + 40 * D, '9y'],
  ])('%d ms -> %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('canonicalQuantity (Quantity.String)', () => {
  it.each([
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['1000Mi', '1000Mi'],
    ['512', '512'],
    ['1000', '1k'],
    ['1500', '1500'],
    ['0.5', '500m'],
    ['100m', '100m'],
    ['1000m', '1'],
    ['1e3', '1e3'],
    ['10G', '10G'],
    ['0', '0'],
    ['0Gi', '0'],
    ['100Ki', '100Ki'],
    ['1023Ki', '1023Ki'],
    ['500Ki', '500Ki'],
    ['0.1Ki', '102400m'],
  ])('%s -> %s', (q, text) => {
    expect(canonicalQuantity(q)).toBe(text);
  });
  it('leaves garbage alone and prints numbers', () => {
    expect(canonicalQuantity('abc')).toBe('abc');
    expect(canonicalQuantity(2)).toBe('2');
  });
});

describe('label formatting', () => {
  it('formats label maps sorted, <none> when empty', () => {
    expect(formatLabels({ b: '2', a: '1' })).toBe('a=1,b=2');
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels(undefined)).toBe('<none>');
  });
  it('formats selectors like LabelSelectorAsSelector().String()', () => {
    expect(
      labelSelectorString({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'NotIn', values: ['y', 'x'] },
          { key: 'legacy', operator: 'DoesNotExist' },
          { key: 'env', operator: 'In', values: ['prod'] },
          { key: 'zone', operator: 'Exists' },
        ],
      }),
    ).toBe('app=web,env in (prod),!legacy,tier notin (x,y),zone');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] })).toBe('<error>');
  });
});
