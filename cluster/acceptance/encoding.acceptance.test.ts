// JSON bodies as Go's encoding/json writes them: `<`, `>`, `&`, U+2028 and U+2029 escaped in
// every answer and watch event. kubectl compares a re-encoded template with ControllerRevision
// bytes, so `rollout undo --to-revision=<current>` only says "skipped rollback" when they match (K-11).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupFixtures, fixtureFile } from './fixtures';
import { TestCluster, waitFor } from './harness';

const c = new TestCluster();

const SHELL_STS = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: shell}
spec:
  serviceName: shell
  replicas: 0
  selector: {matchLabels: {app: shell}}
  template:
    metadata: {labels: {app: shell}}
    spec:
      containers:
      - name: c
        image: busybox
        command: ["sh", "-c", "test -f /a && echo <ok> > /tmp/x"]
`;

beforeAll(async () => {
  await c.start();
}, 120_000);

afterAll(async () => {
  await c.stop();
  c.cleanup();
  cleanupFixtures();
});

const CM = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'html' },
  data: { script: 'a && b < c > d', seps: 'x\u2028y\u2029z' },
};

describe('Go JSON escaping (K-11, R-14)', () => {
  it('escapes <, >, & and U+2028/U+2029 in create, get, list and error bodies', async () => {
    const created = await c.api('POST', '/api/v1/namespaces/default/configmaps', { body: JSON.stringify(CM) });
    expect(created.status).toBe(201);
    for (const r of [created, await c.api('GET', '/api/v1/namespaces/default/configmaps/html'), await c.api('GET', '/api/v1/namespaces/default/configmaps')]) {
      expect(r.text).toContain('"a \\u0026\\u0026 b \\u003c c \\u003e d"');
      expect(r.text).toContain('"x\\u2028y\\u2029z"');
      expect(r.text).not.toMatch(/[<>&\u2028\u2029]/);
    }
    expect(created.json<typeof CM>().data).toEqual(CM.data);
    const missing = await c.api('GET', '/api/v1/namespaces/default/configmaps/a&b');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('configmaps \\"a\\u0026b\\" not found');
  });

  it('escapes them in watch events', async () => {
    const w = c.watch('/api/v1/namespaces/default/configmaps?watch=true&fieldSelector=metadata.name%3Dhtml');
    const first = await waitFor(() => (w.lines.length ? w.lines[0] : undefined));
    w.stop();
    expect((first.object as typeof CM).data).toEqual(CM.data);
    // The harness parses lines; a watch that ends after a second gives the bytes as text.
    const text = await c.api('GET', '/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1&fieldSelector=metadata.name%3Dhtml');
    expect(text.text).toContain('"a \\u0026\\u0026 b \\u003c c \\u003e d"');
    expect(text.text).not.toMatch(/[<>&\u2028\u2029]/);
  });

  it('kubectl rollout undo to the current revision of a template with && and <> is skipped', async () => {
    const file = fixtureFile('shell.yaml', SHELL_STS);
    expect((await c.kubectl(['create', '-f', file])).stdout.trim()).toBe('statefulset.apps/shell created');
    await waitFor(async () => ((await c.kubectl(['rollout', 'history', 'sts/shell'])).stdout.includes('\n1 ') ? true : undefined), 20_000);
    const r = await c.kubectl(['rollout', 'undo', 'sts/shell', '--to-revision=1']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('statefulset.apps/shell skipped rollback (current template already matches revision 1)');
  }, 60_000);
});
