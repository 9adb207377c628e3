import { describe, expect, it } from 'vitest';
import {
  QUANTITY_FORMAT_ERROR,
  QUANTITY_SUFFIX_ERROR,
  addQuantities,
  canonicalQuantity,
  compareQuantities,
  formatQuantity,
  newMilliQuantity,
  parseQuantity,
  parseQuantityValue,
  quantityMilliValue,
  quantityValue,
  roundUpQuantity,
  subtractQuantities,
} from './quantity';

describe('canonical quantity strings (Quantity.String)', () => {
  const cases: [string, string][] = [
    ['0', '0'],
    ['0.0', '0'],
    ['000', '0'],
    ['1', '1'],
    ['+1', '1'],
    ['-1', '-1'],
    ['0.5', '500m'],
    ['.5', '500m'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['1.5', '1500m'],
    ['2.000', '2'],
    ['1000', '1k'],
    ['1500', '1500'],
    ['100M', '100M'],
    ['1000k', '1M'],
    ['1024Mi', '1Gi'],
    ['1Gi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['1000Ki', '1000Ki'],
    ['2048Ki', '2Mi'],
    ['512Ki', '512Ki'],
    ['0.5Ki', '512'],
    ['1023', '1023'],
    ['1e3', '1e3'],
    ['1E3', '1e3'],
    ['1.5e3', '1500'],
    ['12e-3', '12e-3'],
    ['1e-3', '1e-3'],
    ['1E', '1E'],
    ['100n', '100n'],
    ['100u', '100u'],
    ['0.1n', '1n'],
    ['1.0001n', '2n'],
    ['5T', '5T'],
    ['1Ti', '1Ti'],
    ['10Gi', '10Gi'],
    ['128974848', '128974848'],
    ['129e6', '129e6'],
    ['123Mi', '123Mi'],
    ['1.G', '1G'],
  ];
  it.each(cases)('%s → %s', (input, want) => {
    expect(canonicalQuantity(input)).toBe(want);
  });
});

describe('invalid quantities carry upstream messages', () => {
  it.each(['', 'abc', '1 Gi', '1Gi ', '1.2.3', '1Gb', '1KI'])('%j is a format error', (s) => {
    expect(() => parseQuantity(s)).toThrow(QUANTITY_FORMAT_ERROR);
  });
  it.each(['1e', '1ki', '1mi', '--1', '1Mii'])('%j is a suffix error', (s) => {
    expect(() => parseQuantity(s)).toThrow(QUANTITY_SUFFIX_ERROR);
  });
  it('rejects non-string, non-number JSON values', () => {
    expect(() => parseQuantityValue({})).toThrow(QUANTITY_FORMAT_ERROR);
  });
});

describe('comparison and arithmetic', () => {
  it('compares across formats', () => {
    expect(compareQuantities(parseQuantity('1Gi'), parseQuantity('1G'))).toBe(1);
    expect(compareQuantities(parseQuantity('1000m'), parseQuantity('1'))).toBe(0);
    expect(compareQuantities(parseQuantity('1e3'), parseQuantity('1k'))).toBe(0);
    expect(compareQuantities(parseQuantity('250m'), parseQuantity('0.3'))).toBe(-1);
    expect(compareQuantities(parseQuantity('-1'), parseQuantity('0'))).toBe(-1);
  });
  it('adds and subtracts exactly', () => {
    expect(formatQuantity(addQuantities(parseQuantity('250m'), parseQuantity('750m')))).toBe('1');
    expect(formatQuantity(addQuantities(parseQuantity('512Mi'), parseQuantity('512Mi')))).toBe('1Gi');
    expect(formatQuantity(subtractQuantities(parseQuantity('1'), parseQuantity('100m')))).toBe('900m');
    expect(formatQuantity(addQuantities(parseQuantity('0'), parseQuantity('1Gi')))).toBe('1Gi');
  });
  it('Value and MilliValue round up', () => {
    expect(quantityValue(parseQuantity('1500m'))).toBe(2);
    expect(quantityValue(parseQuantity('1Gi'))).toBe(1073741824);
    expect(quantityMilliValue(parseQuantity('0.5'))).toBe(500);
    expect(quantityMilliValue(parseQuantity('1n'))).toBe(1);
    expect(quantityMilliValue(parseQuantity('2'))).toBe(2000);
    expect(quantityValue(parseQuantity('-1500m'))).toBe(-1);
  });
  it('rounds resource lists to milli precision (D-21)', () => {
    expect(formatQuantity(roundUpQuantity(parseQuantity('100n'), -3))).toBe('1m');
    expect(formatQuantity(roundUpQuantity(parseQuantity('1.0001'), -3))).toBe('1001m');
    expect(formatQuantity(roundUpQuantity(parseQuantity('1Gi'), -3))).toBe('1Gi');
  });
  it('builds milli quantities', () => {
    expect(formatQuantity(newMilliQuantity(2500))).toBe('2500m');
    expect(formatQuantity(newMilliQuantity(3000))).toBe('3');
  });
  it('accepts JSON numbers', () => {
    expect(formatQuantity(parseQuantityValue(0.5))).toBe('500m');
    expect(formatQuantity(parseQuantityValue(2))).toBe('2');
  });
});
