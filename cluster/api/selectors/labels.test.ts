import { describe, expect, it } from 'vitest';
import { isStatusError } from '../errors';
import { labelSelectorFromObject, labelSelectorString, matchesLabels, parseLabelSelector } from './index';

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

const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('parseLabelSelector (L-7)', () => {
  const pods = {
    web0: { app: 'web', tier: 'db', n: '5' },
    web1: { app: 'web', legacy: 'yes' },
    api: { app: 'api', tier: 'x', n: '2' },
    bare: {},
  };
  const pick = (s: string) =>
    Object.entries(pods)
      .filter(([, l]) => matchesLabels(parseLabelSelector(s), l))
      .map(([n]) => n);

  it.each([
    ['', ['web0', 'web1', 'api', 'bare']],
    ['app=web', ['web0', 'web1']],
    ['app==web', ['web0', 'web1']],
    ['app!=web', ['api', 'bare']],
    ['app in (web,api)', ['web0', 'web1', 'api']],
    ['tier notin (x,y)', ['web0', 'web1', 'bare']],
    ['tier', ['web0', 'api']],
    ['!tier', ['web1', 'bare']],
    ['n>3', ['web0']],
    ['n<3', ['api']],
    ['app=web,tier notin (x,y),!legacy', ['web0']],
    ['  app  =  web ,  tier  ', ['web0']],
    ['app in (web),app notin ()', ['web0', 'web1']],
    ['tier=', []],
  ])('%j selects %j', (sel, expected) => {
    expect(pick(sel)).toEqual(expected);
  });

  it('treats "in" as a value inside the value list', () => {
    expect(matchesLabels(parseLabelSelector('x in (in,notin)'), { x: 'in' })).toBe(true);
  });

  it('reports key errors with a nil field path like the apiserver', () => {
    expect(badRequest(() => parseLabelSelector('app:monolith'))).toBe(`unable to parse requirement: <nil>: Invalid value: "app:monolith": ${NAME_PART}`);
    expect(badRequest(() => parseLabelSelector('a/b/c=d'))).toBe(
      "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    );
    expect(badRequest(() => parseLabelSelector('app.kubernetes_io/name=x'))).toBe(
      "unable to parse requirement: <nil>: Invalid value: \"app.kubernetes_io/name\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  });

  it('reports value errors at values[i][key]', () => {
    expect(badRequest(() => parseLabelSelector('app=-bad'))).toBe(
      "unable to parse requirement: values[0][app]: Invalid value: \"-bad\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
    expect(badRequest(() => parseLabelSelector('n>abc'))).toBe(
      "unable to parse requirement: values[0]: Invalid value: \"abc\": for 'Gt', 'Lt' operators, the value must be an integer",
    );
  });

  it('reports grammar errors with the parser texts', () => {
    expect(badRequest(() => parseLabelSelector('a b'))).toBe("unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt");
    expect(badRequest(() => parseLabelSelector('a=b,'))).toBe("found '', expected: identifier after ','");
    expect(badRequest(() => parseLabelSelector('a=b c'))).toBe("found 'c', expected: ',' or 'end of string'");
    expect(badRequest(() => parseLabelSelector(',a'))).toBe("found ',', expected: !, identifier, or 'end of string'");
    expect(badRequest(() => parseLabelSelector('a in b'))).toBe("unable to parse requirement: found 'b' expected: '('");
    expect(badRequest(() => parseLabelSelector('a in (b c)'))).toBe("unable to parse requirement: found 'c', expected: ',' or ')'");
    expect(badRequest(() => parseLabelSelector('!a=b'))).toBe("found '=', expected: ',' or 'end of string'");
  });

  it('renders the canonical string form, sorted by key', () => {
    expect(labelSelectorString(parseLabelSelector('tier notin (y,x), app==web,!legacy, n>3, z'))).toBe('app==web,!legacy,n>3,tier notin (x,y),z');
  });
});

describe('labelSelectorFromObject (metav1.LabelSelectorAsSelector)', () => {
  it('matches matchLabels and every expression operator', () => {
    const sel = labelSelectorFromObject({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['db', 'cache'] },
        { key: 'env', operator: 'NotIn', values: ['prod'] },
        { key: 'owner', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    });
    expect(matchesLabels(sel, { app: 'web', tier: 'db', owner: 'a' })).toBe(true);
    expect(matchesLabels(sel, { app: 'web', tier: 'db', owner: 'a', env: 'prod' })).toBe(false);
    expect(matchesLabels(sel, { app: 'web', tier: 'db' })).toBe(false);
    expect(matchesLabels(sel, { app: 'web', tier: 'db', owner: 'a', legacy: '' })).toBe(false);
    expect(labelSelectorString(sel)).toBe('app=web,env notin (prod),!legacy,owner,tier in (cache,db)');
  });

  it('selects nothing for a missing selector and everything for an empty one', () => {
    expect(matchesLabels(labelSelectorFromObject(undefined), {})).toBe(false);
    expect(matchesLabels(labelSelectorFromObject({}), { a: 'b' })).toBe(true);
    expect(labelSelectorString(labelSelectorFromObject({ matchLabels: { app: 'web' } }))).toBe('app=web');
  });

  it('rejects bad operators and value sets with upstream messages', () => {
    expect(badRequest(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }))).toBe(
      '"Gt" is not a valid label selector operator',
    );
    expect(badRequest(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }))).toBe(
      "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
    );
    expect(badRequest(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }))).toBe(
      'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist',
    );
    expect(badRequest(() => labelSelectorFromObject({ matchLabels: { 'bad key': 'v' } }))).toBe(`key: Invalid value: "bad key": ${NAME_PART}`);
  });
});
