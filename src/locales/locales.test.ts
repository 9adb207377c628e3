// Every string the UI asks for exists in English and Chinese, and both files have the same keys.
import { describe, expect, it } from 'vitest';
import en from './en.json';
import zh from './zh.json';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

// The UI sources as text (vite's glob import, also served by vitest).
const sources = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

describe('locales', () => {
  const enKeys = new Set(keys(en));
  it('English and Chinese have the same keys', () => {
    expect(keys(zh).sort()).toEqual([...enKeys].sort());
  });

  it('every literal t("…") key used in src/ exists', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const [file, text] of Object.entries(sources)) {
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) if (!enKeys.has(m[1])) missing.push(`${m[1]} (${file})`);
      for (const m of text.matchAll(/\? '([a-z]+\.[a-zA-Z0-9_.-]+)' : '([a-z]+\.[a-zA-Z0-9_.-]+)'/g)) {
        for (const k of [m[1], m[2]]) if (!enKeys.has(k)) missing.push(`${k} (${file})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('placeholders avoid i18next option names ({{ns}} would select a namespace and hide the text)', () => {
    const reserved = ['ns', 'lng', 'lngs', 'defaultValue', 'replace', 'returnObjects', 'keySeparator'];
    const bad = keys(en).filter((k) => {
      const text = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en) as string;
      return reserved.some((r) => text.includes(`{{${r}}}`));
    });
    expect(bad).toEqual([]);
  });

  it('keys built at runtime resolve for every value', () => {
    for (const s of ['Deleting', 'Error', 'Stopped', 'Scaling', 'Updating', 'Running']) expect(enKeys.has(`state.${s}`)).toBe(true);
    for (const m of ['password', 'token', 'link']) expect(enKeys.has(`login.method.${m}`)).toBe(true);
    for (const tab of ['resource-status', 'metadata', 'events']) expect(enKeys.has(`detail.tab.${tab}`)).toBe(true);
    for (const tab of ['containers', 'events', 'metadata']) expect(enKeys.has(`podDetail.tab.${tab}`)).toBe(true);
    for (const c of ['revision', 'images', 'strategy', 'service', 'labels', 'created']) expect(enKeys.has(`list.col.${c}`)).toBe(true);
  });
});
