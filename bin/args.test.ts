import { describe, expect, it } from 'vitest';
import { parseClusterArgs, parseServeArgs } from './args';

describe('ordinal serve flags', () => {
  it('uses the documented defaults', () => {
    expect(parseServeArgs([])).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: './.ordinal',
      kubeconfig: undefined,
      contexts: [],
      inCluster: false,
      speed: 1,
      seed: 'demo',
      auth: 'local',
    });
  });

  it('accepts repeated --context with --kubeconfig', () => {
    const a = parseServeArgs(['--kubeconfig', 'k.yaml', '--context', 'a', '--context', 'b', '--port', '0']);
    expect(a.contexts).toEqual(['a', 'b']);
    expect(a.port).toBe(0);
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--port', '99999'], /invalid --port "99999"/],
    [['--port', 'abc'], /invalid --port "abc"/],
    [['--speed', '0'], /invalid --speed "0"/],
    [['--seed', 'lots'], /invalid --seed "lots"/],
    [['--auth', 'oidc'], /invalid --auth "oidc"/],
    [['--context', 'x'], /--context needs --kubeconfig/],
    [['--in-cluster', '--kubeconfig', 'k'], /cannot be combined/],
    [['stray'], /Unexpected argument 'stray'/],
  ])('rejects %j', (args, message) => {
    expect(() => parseServeArgs(args)).toThrow(message);
  });
});

describe('ordinal cluster flags', () => {
  it('requires --data-dir and defaults the port to 6443', () => {
    expect(() => parseClusterArgs([])).toThrow('ordinal cluster needs --data-dir DIR');
    expect(parseClusterArgs(['--data-dir', '/tmp/x'])).toEqual({ dataDir: '/tmp/x', port: 6443, speed: 1, seed: 'demo' });
  });
});
