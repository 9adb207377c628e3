// LIST with selectors, pagination over snapshots and resourceVersion semantics (L-1..L-8).
import type { ResourceDescriptor } from '../../registry/resources';
import { RevisionCompactedError, type StoredRow } from '../../storage/store';
import type { KubeObject } from '../../types';
import { fieldErrors, newBadRequest, newInvalid, newResourceExpired, newTimeout, type FieldError } from '../errors';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from '../selectors';
import { storageView, viewJSON } from './views';
import { kindKey, parse } from './objects';
import type { Registry } from './registry';
import type { ListPage, ListQuery, ObjectRow } from './types';

/** A compiled label + field selector; `trivial` means it matches everything. */
export interface Matcher {
  trivial: boolean;
  matches(obj: KubeObject): boolean;
}

export function compileMatcher(d: ResourceDescriptor, labelSelector?: string, fieldSelector?: string): Matcher {
  const ls = labelSelector?.trim() ? parseLabelSelector(labelSelector) : undefined;
  const fs = fieldSelector?.trim() ? parseFieldSelector(fieldSelector, d) : undefined;
  if (!ls && !fs) return { trivial: true, matches: () => true };
  return {
    trivial: false,
    matches: (obj) => (!ls || matchesLabels(ls, obj.metadata?.labels)) && (!fs || matchesFields(fs, obj)),
  };
}

/** A row with its parsed object kept once parsed (selectors, tables). */
export interface ParsedRow extends ObjectRow {
  obj?: KubeObject;
}

export function objectOf(r: ParsedRow): KubeObject {
  return (r.obj ??= parse(r.json));
}

const EXPIRED_CONTINUE_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

interface ContinueToken {
  rv: number;
  ns: string;
  name: string;
}

function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: t.rv, start: `${t.ns}/${t.name}`, ns: t.ns, name: t.name })).toString('base64url');
}

function decodeContinue(s: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as { v?: string; rv?: unknown; ns?: unknown; name?: unknown };
    if (t.v !== 'meta.k8s.io/v1' || typeof t.rv !== 'number' || typeof t.ns !== 'string' || typeof t.name !== 'string') throw new Error('bad');
    return { rv: t.rv, ns: t.ns, name: t.name };
  } catch {
    throw newBadRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

const MATCH_VALUES = ['Exact', 'NotOlderThan', ''];

/** L-6 option validation; returns the parsed numeric resourceVersion (undefined when unset). */
function validate(q: ListQuery & { sendInitialEvents?: boolean }): number | undefined {
  const errs: FieldError[] = [];
  const match = q.resourceVersionMatch ?? '';
  if (match && !MATCH_VALUES.includes(match)) errs.push(fieldErrors.notSupported('resourceVersionMatch', match, MATCH_VALUES));
  else if (match && !q.resourceVersion) errs.push(fieldErrors.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
  else if (match && q.continue) errs.push(fieldErrors.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
  else if (match === 'Exact' && q.resourceVersion === '0') {
    errs.push(fieldErrors.forbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
  }
  if (q.sendInitialEvents) errs.push(fieldErrors.forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  if (errs.length) throw newInvalid('ListOptions', 'meta.k8s.io', '', errs);
  if (q.continue && q.resourceVersion && q.resourceVersion !== '0') throw newBadRequest('specifying resource version is not allowed when using continue');
  if (q.limit !== undefined && (!Number.isInteger(q.limit) || q.limit < 0)) throw newBadRequest(`invalid limit: ${String(q.limit)}`);
  if (q.resourceVersion === undefined || q.resourceVersion === '') return undefined;
  if (!/^\d+$/.test(q.resourceVersion)) throw newBadRequest(`invalid resource version: ${q.resourceVersion}`);
  return Number(q.resourceVersion);
}

async function waitForRevision(reg: Registry, rv: number, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + Math.min(3000, timeoutMs);
  while (reg.store.resourceVersion < rv) {
    if (Date.now() >= deadline) throw newTimeout(`Too large resource version: ${rv}, current: ${reg.store.resourceVersion}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function after(r: StoredRow, t: ContinueToken): boolean {
  return r.namespace === t.ns ? r.name > t.name : r.namespace > t.ns;
}

export async function listObjects(reg: Registry, d: ResourceDescriptor, namespace: string | undefined, q: ListQuery & { sendInitialEvents?: boolean }): Promise<ListPage & { rows: ParsedRow[] }> {
  const rv = validate(q);
  const matcher = compileMatcher(d, q.labelSelector, q.fieldSelector);
  const ns = d.namespaced ? namespace : undefined;
  const key = kindKey(d);
  let snapshotRv: number;
  let rows: StoredRow[];
  let token: ContinueToken | undefined;
  if (q.continue) {
    token = decodeContinue(q.continue);
    snapshotRv = token.rv;
    try {
      rows = reg.store.listAt(key, ns, token.rv);
    } catch (e) {
      if (!(e instanceof RevisionCompactedError)) throw e;
      const err = newResourceExpired(EXPIRED_CONTINUE_MESSAGE);
      // L-4: a token that continues (inconsistently) from the current state.
      err.status.metadata = { continue: encodeContinue({ rv: 0, ns: token.ns, name: token.name }) };
      throw err;
    }
    if (token.rv === 0) snapshotRv = reg.store.resourceVersion;
    rows = rows.filter((r) => after(r, token!));
  } else if (rv !== undefined && q.resourceVersionMatch === 'Exact') {
    try {
      rows = reg.store.listAt(key, ns, rv);
    } catch (e) {
      if (!(e instanceof RevisionCompactedError)) throw e;
      throw newResourceExpired(`too old resource version: ${rv} (${reg.store.oldestReplayable + 1})`);
    }
    snapshotRv = rv;
  } else {
    if (rv !== undefined && rv > reg.store.resourceVersion) await waitForRevision(reg, rv, q.timeoutMs);
    snapshotRv = reg.store.resourceVersion;
    rows = reg.store.list(key, ns);
  }
  const view = storageView(d);
  if (view) rows = rows.map((r) => ({ ...r, json: viewJSON(view, r.json) }));
  let matched: ParsedRow[] = rows;
  // Parsed objects are not kept: a 50 000-item list would otherwise hold every object twice.
  if (!matcher.trivial) matched = rows.filter((r) => matcher.matches(parse(r.json)));
  // resourceVersion=0 is served "from cache" upstream, which ignores limit (L-6).
  const limit = q.resourceVersion === '0' && !q.continue ? 0 : (q.limit ?? 0);
  const page: ListPage & { rows: ParsedRow[] } = { rows: matched, resourceVersion: String(snapshotRv) };
  if (limit > 0 && matched.length > limit) {
    page.rows = matched.slice(0, limit);
    const last = page.rows[page.rows.length - 1];
    page.continue = encodeContinue({ rv: snapshotRv, ns: last.namespace, name: last.name });
    if (matcher.trivial) page.remainingItemCount = matched.length - limit;
  }
  return page;
}

/** The opening of a list response up to `"items":[` (L-1). */
export function listHead(d: ResourceDescriptor, page: ListPage): string {
  const meta: Record<string, unknown> = { resourceVersion: page.resourceVersion };
  if (page.continue) meta.continue = page.continue;
  if (page.remainingItemCount !== undefined) meta.remainingItemCount = page.remainingItemCount;
  const apiVersion = d.group ? `${d.group}/${d.version}` : d.version;
  return `{"kind":${JSON.stringify(d.listKind)},"apiVersion":${JSON.stringify(apiVersion)},"metadata":${JSON.stringify(meta)},"items":[`;
}
