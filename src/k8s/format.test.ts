import { describe, expect, it } from 'vitest';
import { age, formatBytes, formatCpu, parseQuantity } from './format';

const NOW = Date.parse('2026-12-01T10:00:00Z');

describe('formatting', () => {
  it('ages read like kubectl', () => {
    expect(age('2026-12-01T09:59:55Z', NOW)).toBe('5s');
    expect(age('2026-12-01T09:55:00Z', NOW)).toBe('5m');
    expect(age('2026-12-01T08:30:00Z', NOW)).toBe('1h30m');
    expect(age('2026-11-29T08:00:00Z', NOW)).toBe('2d2h');
    expect(age(undefined, NOW)).toBe('—');
  });

  it('parses quantities', () => {
    expect(parseQuantity('12m')).toBeCloseTo(0.012);
    expect(parseQuantity('34Mi')).toBe(34 * 2 ** 20);
    expect(parseQuantity('1.5')).toBe(1.5);
    expect(parseQuantity('2k')).toBe(2000);
    expect(parseQuantity('250000n')).toBeCloseTo(0.00025);
    expect(parseQuantity('abc')).toBeNaN();
  });

  it('CPU is millicores below one core and cores above', () => {
    expect(formatCpu(0.25)).toBe('250m');
    expect(formatCpu(1)).toBe('1 core');
    expect(formatCpu(1.5)).toBe('1.5 cores');
  });

  it('memory uses binary units', () => {
    expect(formatBytes(34 * 2 ** 20)).toBe('34Mi');
    expect(formatBytes(1.5 * 2 ** 30)).toBe('1.5Gi');
    expect(formatBytes(512)).toBe('512B');
  });
});
