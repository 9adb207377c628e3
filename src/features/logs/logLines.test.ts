import { describe, expect, it } from 'vitest';
import { appendCapped, dropAlreadySeen, findMatches, parseLine, splitChunk, toText } from './logLines';

describe('log lines', () => {
  it('splits the kubelet timestamp from the text', () => {
    expect(parseLine('2026-12-01T10:00:00.123456789Z GET / 200')).toEqual({ ts: '2026-12-01T10:00:00.123456789Z', text: 'GET / 200' });
    expect(parseLine('no timestamp here')).toEqual({ ts: '', text: 'no timestamp here' });
  });

  it('keeps an unfinished line for the next chunk', () => {
    const a = splitChunk('', 'one\ntw');
    expect(a).toEqual({ lines: ['one'], carry: 'tw' });
    expect(splitChunk(a.carry, 'o\r\nthree\n')).toEqual({ lines: ['two', 'three'], carry: '' });
  });

  it('a resumed stream does not duplicate lines (sinceTime has second precision)', () => {
    const have = [parseLine('2026-12-01T10:00:01.100Z a'), parseLine('2026-12-01T10:00:02.000Z b'), parseLine('2026-12-01T10:00:02.000Z c')];
    const resumed = [
      parseLine('2026-12-01T10:00:02.000Z b'),
      parseLine('2026-12-01T10:00:02.000Z c'),
      parseLine('2026-12-01T10:00:02.000Z d'),
      parseLine('2026-12-01T10:00:03.000Z e'),
    ];
    expect(dropAlreadySeen(have, resumed).map((l) => l.text)).toEqual(['d', 'e']);
    // Lines from earlier in the same second (before our last) are dropped too.
    expect(dropAlreadySeen(have, [parseLine('2026-12-01T10:00:01.900Z old'), parseLine('2026-12-01T10:00:04Z new')]).map((l) => l.text)).toEqual(['new']);
  });

  it('caps the buffer, dropping the oldest lines', () => {
    const lines = Array.from({ length: 5 }, (_, i) => ({ ts: '', text: String(i) }));
    expect(appendCapped(lines, [{ ts: '', text: '5' }], 4).map((l) => l.text)).toEqual(['2', '3', '4', '5']);
  });

  it('search finds lines case-insensitively; download text honours the Timestamps switch', () => {
    const lines = [parseLine('2026-12-01T10:00:00Z Started'), parseLine('2026-12-01T10:00:01Z GET /'), parseLine('2026-12-01T10:00:02Z started again')];
    expect(findMatches(lines, 'START')).toEqual([0, 2]);
    expect(toText(lines.slice(0, 1), false)).toBe('Started\n');
    expect(toText(lines.slice(0, 1), true)).toBe('2026-12-01T10:00:00Z Started\n');
  });
});
