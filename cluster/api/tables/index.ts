// Server-side printing (contract §4): `kubectl get` asks for a meta.k8s.io Table and prints the
// cells as they come. Columns and cells follow upstream's printers; kinds without a printer get
// the default NAME / CREATED AT convertor (T-9).
import { newBadRequest } from '../errors';
import { apiVersionOf, type ResourceDescriptor } from '../../registry/resources';
import type { KubeObject } from '../../types';
import { parseAccept } from '../discovery';
import { columnsFor, hasPrinter, type ColumnDefinition } from './columns';
import { PRINTERS, defaultCells } from './printers';
import { podConditions, type RowCondition } from './pod';

type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  includeObject?: IncludeObject | string;
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
  now?: Date;
  /** Watch events after the first carry `columnDefinitions: null` (T-10). */
  omitColumnDefinitions?: boolean;
}

interface TableRow {
  cells: unknown[];
  conditions?: RowCondition[];
  object: unknown;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: ColumnDefinition[] | null;
  rows: TableRow[];
}

/** T-1: a Table when the first acceptable media type is a meta.k8s.io Table (v1 or v1beta1). */
export function wantsTable(accept: string | undefined): boolean {
  for (const m of parseAccept(accept)) {
    if (m.type === 'application/json' && m.params.as === 'Table') {
      if (m.params.g === 'meta.k8s.io' && (m.params.v === 'v1' || m.params.v === 'v1beta1')) return true;
      continue;
    }
    if (m.params.as) continue; // another `as=` form we do not serve
    if (m.type === 'application/json' || m.type === '*/*' || m.type === 'application/*' || m.type === 'application/yaml') return false;
  }
  return false;
}

/** Validates the includeObject query value (T-4); throws 400 like upstream. */
function parseIncludeObject(value: string | undefined): IncludeObject {
  if (value === undefined || value === '') return 'Metadata';
  if (value === 'None' || value === 'Metadata' || value === 'Object') return value;
  throw newBadRequest(`unrecognized includeObject value: "${value}"`);
}

/** Column definitions of a resource's Table (the same for every row, T-10). */
function tableColumns(d: ResourceDescriptor): ColumnDefinition[] {
  return columnsFor(hasPrinter(d.kind) ? d.kind : '');
}

function rowObject(d: ResourceDescriptor, obj: KubeObject, include: IncludeObject): unknown {
  if (include === 'None') return null;
  if (include === 'Object') return { ...obj, apiVersion: obj.apiVersion ?? apiVersionOf(d), kind: obj.kind ?? d.kind };
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

export function toTable(d: ResourceDescriptor, objects: KubeObject[], opts: TableOptions = {}): Table {
  const include = parseIncludeObject(opts.includeObject);
  const now = opts.now ?? new Date();
  const printer = hasPrinter(d.kind) ? PRINTERS[d.kind] : undefined;
  const rows = objects.map((obj) => {
    const row: TableRow = { cells: printer ? printer(obj, now) : defaultCells(obj), object: rowObject(d, obj, include) };
    if (d.kind === 'Pod') {
      const conditions = podConditions(obj);
      if (conditions) return { cells: row.cells, conditions, object: row.object };
    }
    return row;
  });
  const metadata: Table['metadata'] = {};
  if (opts.resourceVersion) metadata.resourceVersion = opts.resourceVersion;
  if (opts.continue) metadata.continue = opts.continue;
  if (opts.remainingItemCount !== undefined) metadata.remainingItemCount = opts.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: opts.omitColumnDefinitions ? null : tableColumns(d),
    rows,
  };
}
