import { describe, expect, it } from 'vitest';
import { goLabelSelector, goQuote, goStringMap, goStringSlice } from './gofmt';
import { compileLabelSelector, validateLabelSelector } from './labelSelector';
import { isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, isValidPortName, nameIsDNSSubdomain, regexError } from './names';
import { semanticEqual, validateAnnotations } from './objectMeta';
import { fieldErrorText } from '../../api/errors';

describe('name rules (apimachinery util/validation)', () => {
  it('RegexError keeps upstream double spaces', () => {
    expect(regexError('m', 'f', 'a', 'b')).toBe("m (e.g. 'a',  or 'b', regex used for validation is 'f')");
    expect(regexError('m', 'f')).toBe("m (regex used for validation is 'f')");
  });
  it('labels, subdomains and dots', () => {
    expect(isDNS1123Label('web-0')).toEqual([]);
    expect(isDNS1123Label('web.v1')).toEqual(['must not contain dots']);
    expect(isDNS1123Label('-web')[0]).toMatch(/^a lowercase RFC 1123 label/);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(isDNS1123Subdomain('web.v1')).toEqual([]);
    expect(isDNS1123Subdomain('a'.repeat(254))).toEqual(['must be no more than 253 characters']);
  });
  it('generateName prefixes may end with a dash', () => {
    expect(nameIsDNSSubdomain('web-', true)).toEqual([]);
    expect(nameIsDNSSubdomain('web-', false)).toHaveLength(1);
  });
  it('qualified names report prefix and name parts', () => {
    expect(isQualifiedName('app.kubernetes.io/name')).toEqual([]);
    expect(isQualifiedName('/name')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('Example.com/name')[0]).toMatch(/^prefix part a lowercase RFC 1123 subdomain/);
    expect(isQualifiedName('x/')).toEqual([
      'name part must be non-empty',
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
  });
  it('label values', () => {
    expect(isValidLabelValue('')).toEqual([]);
    expect(isValidLabelValue('a b')[0]).toBe(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  });
  it('config keys and port names', () => {
    expect(isConfigMapKey('..x')).toEqual(["must not start with '..'"]);
    expect(isConfigMapKey('.')).toEqual(["must not be '.'"]);
    expect(isValidPortName('80')).toEqual(['must contain at least one letter (a-z)']);
    expect(isValidPortName('my--port')).toEqual(['must not contain consecutive hyphens']);
  });
  it('annotation keys are case-insensitive', () => {
    expect(validateAnnotations({ 'Example.com/Key': 'v' }, 'metadata.annotations')).toEqual([]);
  });
});

describe('Go %#v rendering', () => {
  it('maps, slices and selectors', () => {
    expect(goStringMap({ b: '2', a: '1' })).toBe('map[string]string{"a":"1", "b":"2"}');
    expect(goStringMap(undefined)).toBe('map[string]string(nil)');
    expect(goStringSlice(['x', 'y'])).toBe('[]string{"x", "y"}');
    expect(goQuote('tab\there "q"')).toBe('"tab\\there \\"q\\""');
    expect(goLabelSelector({ matchLabels: { app: 'web' } })).toBe(
      'v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}',
    );
  });
});

describe('label selectors', () => {
  it('validates operators and values strictly', () => {
    const errs = validateLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In' }, { key: 'b', operator: 'Exists', values: ['x'] }, { key: 'c', operator: 'In', values: ['bad value'] }] }, 'spec.selector');
    expect(errs.map(fieldErrorText)).toEqual([
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      expect.stringMatching(/^spec.selector.matchExpressions\[2\].values\[0\]: Invalid value: "bad value": a valid label must be/),
    ]);
  });
  it('matches like labels.Selector', () => {
    const sel = compileLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] });
    expect(sel?.matches({ app: 'web' })).toBe(true);
    expect(sel?.matches({ app: 'web', tier: 'db' })).toBe(false);
    expect(sel?.matches({ app: 'api' })).toBe(false);
    expect(compileLabelSelector({})?.empty).toBe(true);
    expect(compileLabelSelector(undefined)?.matches({})).toBe(false);
    expect(compileLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] })).toBeUndefined();
  });
});

describe('semantic equality', () => {
  it('ignores key order and treats absent, null and [] alike', () => {
    expect(semanticEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(semanticEqual({ a: [] }, {})).toBe(true);
    expect(semanticEqual({ a: null }, {})).toBe(true);
    expect(semanticEqual({ a: {} }, {})).toBe(false);
    expect(semanticEqual([1, 2], [2, 1])).toBe(false);
  });
});
