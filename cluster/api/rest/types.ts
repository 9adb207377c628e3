// Shapes shared by the generic registry operations (HTTP handlers and the in-process client).
import type { UserInfo } from '../../auth/types';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** Per-request write context (P-4 dryRun, P-5 fieldValidation, P-6 fieldManager). */
export interface WriteContext {
  user?: UserInfo;
  dryRun: boolean;
  fieldManager?: string;
  fieldValidation: FieldValidation;
  /** Collected `Warning` texts (P-5 Warn); handlers turn them into `Warning: 299 - "..."` headers. */
  warnings: string[];
  /** Server-side apply: take ownership of conflicting fields (P-21). */
  force?: boolean;
}

export function writeContext(partial: Partial<WriteContext> = {}): WriteContext {
  return { dryRun: false, fieldValidation: 'Ignore', warnings: [], ...partial };
}

export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
  /** D-3 `timeout`: the longest a list may wait for a future resourceVersion (default 3 s). */
  timeoutMs?: number;
}

export interface WatchQuery {
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
}

/** One object as stored: its JSON text, parsed on demand. */
export interface ObjectRow {
  json: string;
  namespace: string;
  name: string;
}

export interface ListPage {
  rows: ObjectRow[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface DeleteRequest {
  propagationPolicy?: string;
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}
