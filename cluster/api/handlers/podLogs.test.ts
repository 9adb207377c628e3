// pods/log over HTTPS with a scripted log source: parameters and upstream messages (S-7..S-9).
import { mkdtempSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { TokenAuthenticator } from '../../auth/authenticator';
import { Authorizer } from '../../auth/rbac';
import { ensurePki } from '../../pki';
import { findResource } from '../../registry/resources';
import { seedBuiltin } from '../../seed/builtin';
import { Store } from '../../storage/store';
import { StoreRbacSource } from '../rbacSource';
import { Registry } from '../rest/registry';
import { writeContext } from '../rest/types';
import { createApiServer, type ApiServer } from '../server';
import type { LogLine, PodLogSource } from './podLogs';

const PODS = findResource('', 'v1', 'pods')!;
let api: ApiServer;
let reg: Registry;
let base = '';
let ca = '';
let live: ((l: LogLine) => void) | undefined;

const t = (s: number): string => new Date(Date.now() - s * 1000).toISOString().replace('Z', '123456Z');
const source: PodLogSource = {
  lines: (_pod, container, previous) =>
    previous ? [{ time: t(900), text: 'crashed' }] : [0, 1, 2, 3].map((i) => ({ time: t(600 - i * 200), text: `${container} line ${i}` })),
  follow: (_pod, _c, onLine) => {
    live = onLine;
    return () => (live = undefined);
  },
};

function get(path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { ca, headers: { authorization: 'Bearer admin-token' } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logs-'));
  const pki = await ensurePki(dir);
  ca = pki.caCertPem;
  const store = new Store(join(dir, 'db.sqlite'));
  reg = new Registry(store);
  seedBuiltin(reg, ca);
  const running = (name: string) => ({ name, state: { running: {} }, ...(name === 'app' ? { lastState: { terminated: { exitCode: 1 } } } : {}) });
  const pod = (name: string, nodeName: string | undefined, statuses: object[]) => {
    const p = reg.create(PODS, 'default', { metadata: { name }, spec: { nodeName, containers: [{ name: 'app', image: 'x' }, { name: 'side', image: 'y' }] } }, writeContext()).object;
    reg.update(PODS, 'default', name, { ...p, status: { phase: 'Running', containerStatuses: statuses } }, writeContext(), 'status');
  };
  pod('web-0', 'node-1', [running('app'), running('side')]);
  pod('web-1', 'node-1', [running('app'), { name: 'side', state: { waiting: { reason: 'ImagePullBackOff' } } }]);
  pod('web-2', undefined, []);
  store.commit();
  api = createApiServer({
    registry: reg,
    authenticator: new TokenAuthenticator({ 'admin-token': { name: 'admin', groups: ['system:masters'] } }),
    authorizer: new Authorizer(new StoreRbacSource(store)),
    tls: pki,
    log: pino({ level: 'silent' }),
    ready: () => true,
    podLogs: source,
  });
  base = `https://127.0.0.1:${await api.listen(0, '127.0.0.1')}`;
});

afterAll(async () => {
  await api.close();
  reg.store.close();
});

const logs = '/api/v1/namespaces/default/pods';

describe('pods/log', () => {
  it('picks lines by tailLines, sinceSeconds, timestamps and limitBytes', async () => {
    expect((await get(`${logs}/web-0/log?container=app`)).text).toBe('app line 0\napp line 1\napp line 2\napp line 3\n');
    expect((await get(`${logs}/web-0/log?container=side&tailLines=2`)).text).toBe('side line 2\nside line 3\n');
    expect((await get(`${logs}/web-0/log?container=app&sinceSeconds=300`)).text).toBe('app line 2\napp line 3\n');
    const ts = (await get(`${logs}/web-0/log?container=app&tailLines=1&timestamps=true`)).text;
    expect(ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z app line 3\n$/);
    expect((await get(`${logs}/web-0/log?container=app&limitBytes=5`)).text).toBe('app l');
    expect((await get(`${logs}/web-0/log?container=app&previous=true`)).text).toBe('crashed\n');
  });

  it('answers the upstream errors', async () => {
    const err = async (path: string) => {
      const r = await get(path);
      return [r.status, (JSON.parse(r.text) as { message: string }).message];
    };
    expect(await err(`${logs}/web-0/log`)).toEqual([400, 'a container name must be specified for pod web-0, choose one of: [app side]']);
    expect(await err(`${logs}/web-0/log?container=nope`)).toEqual([400, 'container nope is not valid for pod web-0']);
    expect(await err(`${logs}/web-0/log?container=side&previous=true`)).toEqual([400, 'previous terminated container "side" in pod "web-0" not found']);
    expect(await err(`${logs}/web-1/log?container=side`)).toEqual([400, 'container "side" in pod "web-1" is waiting to start: ImagePullBackOff']);
    expect(await err(`${logs}/web-2/log?container=app`)).toEqual([400, 'pod web-2 does not have a host assigned']);
    expect(await err(`${logs}/nope/log`)).toEqual([404, 'pods "nope" not found']);
  });

  it('follows new lines and ends when the pod is deleted', async () => {
    const chunks: string[] = [];
    const ended = new Promise<void>((resolve) => {
      request(`${base}${logs}/web-0/log?container=app&follow=true&tailLines=1`, { ca, headers: { authorization: 'Bearer admin-token' } }, (res) => {
        res.on('data', (c: Buffer) => chunks.push(c.toString()));
        res.on('end', () => resolve());
      }).end();
    });
    while (!live) await new Promise((r) => setTimeout(r, 10));
    live({ time: t(0), text: 'fresh' });
    await new Promise((r) => setTimeout(r, 50));
    expect(chunks.join('')).toBe('app line 3\nfresh\n');
    reg.store.write('/pods', 'DELETED', reg.get(PODS, 'default', 'web-0'), reg.row(PODS, 'default', 'web-0')!.json);
    reg.store.commit();
    await ended;
    expect(live).toBeUndefined();
  });
});
