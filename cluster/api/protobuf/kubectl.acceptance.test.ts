// Runs the real kubectl 1.32 against a recording HTTPS stub and decodes the protobuf bodies it sends
// (contract E-6, P-3): the decoder must understand what kubectl really writes, not just our fixtures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProtobufBody } from './index';
import { startRecorder, type Recorder } from './kubectlRecorder';

let rec: Recorder;

beforeAll(async () => {
  rec = await startRecorder((r) => {
    if (r.method !== 'POST') return undefined;
    // Echo the decoded object back, as a real server would answer with JSON.
    const obj = decodeProtobufBody(r.body);
    if (obj.kind === 'SelfSubjectAccessReview') return { code: 201, body: { ...obj, status: { allowed: false, reason: 'not bound' } } };
    return { code: 201, body: obj };
  });
});

afterAll(async () => {
  await rec.close();
});

async function lastPost(args: string[]) {
  const before = rec.requests.length;
  const out = await rec.kubectl(args);
  const posts = rec.requests.slice(before).filter((q) => q.method === 'POST');
  expect(posts.length).toBe(1);
  expect(posts[0].headers['content-type']).toEqual(['application/vnd.kubernetes.protobuf']);
  return { out, post: posts[0], obj: decodeProtobufBody(posts[0].body) };
}

describe('kubectl protobuf bodies', () => {
  it('create configmap', async () => {
    const { out, post, obj } = await lastPost(['create', 'configmap', 'c1', '--from-literal=a=b', '-n', 'team-a']);
    expect(post.url).toBe('/api/v1/namespaces/team-a/configmaps?fieldManager=kubectl-create&fieldValidation=Strict');
    expect(obj).toStrictEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c1', namespace: 'team-a' }, data: { a: 'b' } });
    expect(out.stdout.trim()).toBe('configmap/c1 created');
  });

  it('create deployment with zero replicas keeps replicas: 0', async () => {
    const { obj } = await lastPost(['create', 'deployment', 'd0', '--image=nginx', '--replicas=0']);
    expect(obj.spec).toMatchObject({ replicas: 0, selector: { matchLabels: { app: 'd0' } } });
  });

  it('auth can-i prints the answer and reason of the reply', async () => {
    const { out, obj } = await lastPost(['auth', 'can-i', 'delete', 'pods/web-0', '-n', 'prod']);
    expect(obj.spec).toStrictEqual({ resourceAttributes: { namespace: 'prod', verb: 'delete', resource: 'pods', name: 'web-0' } });
    expect(out.stdout.trim()).toBe('no - not bound');
    expect(out.code).toBe(1);
  });
});
