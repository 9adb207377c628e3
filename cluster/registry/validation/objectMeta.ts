// ObjectMeta, labels and annotations (apimachinery pkg/api/validation/objectmeta.go and
// pkg/apis/meta/v1/validation). Map entries are checked in sorted key order so messages are
// deterministic (Go iterates maps randomly).
import { fieldErrors, type FieldError } from '../../api/errors';
import type { ObjectMeta, OwnerReference } from '../../types';
import { goStringSlice, goValue } from './gofmt';
import { isQualifiedName, isValidLabelValue, isDNS1123Label, type NameValidator } from './names';

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function validateLabelName(key: string, path: string): FieldError[] {
  return isQualifiedName(key).map((m) => fieldErrors.invalid(path, key, m));
}

export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!labels) return errs;
  for (const k of Object.keys(labels).sort()) {
    errs.push(...validateLabelName(k, path));
    const v = labels[k];
    if (typeof v !== 'string') continue;
    for (const m of isValidLabelValue(v)) errs.push(fieldErrors.invalid(path, v, m));
  }
  return errs;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!annotations) return errs;
  let size = 0;
  for (const k of Object.keys(annotations).sort()) {
    // Annotation keys are qualified names, except that case does not matter.
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(fieldErrors.invalid(path, k, m));
    size += Buffer.byteLength(k) + Buffer.byteLength(String(annotations[k] ?? ''));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(fieldErrors.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

function validateOwnerReferences(refs: OwnerReference[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!refs) return errs;
  const controllers: string[] = [];
  for (const ref of refs) {
    if (!ref.apiVersion) errs.push(fieldErrors.invalid(`${path}.apiVersion`, ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(fieldErrors.invalid(`${path}.kind`, ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errs.push(fieldErrors.invalid(`${path}.name`, ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errs.push(fieldErrors.invalid(`${path}.uid`, ref.uid ?? '', 'uid must not be empty'));
    if (ref.controller) controllers.push(`${ref.kind}/${ref.name}`);
  }
  if (controllers.length > 1) {
    errs.push(
      fieldErrors.invalid(
        path,
        goValue(`[]v1.OwnerReference{…}`),
        `Only one reference can have Controller set to true. Found "true" in references for ${controllers.join(' and ')}`,
      ),
    );
  }
  return errs;
}

function validateFinalizers(finalizers: string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!finalizers) return errs;
  const seen = new Set<string>();
  for (const f of finalizers) {
    for (const m of isQualifiedName(f)) errs.push(fieldErrors.invalid(path, f, m));
    if (seen.has(f)) errs.push(fieldErrors.duplicate(path, f));
    seen.add(f);
  }
  return errs;
}

export function validateNonnegative(value: unknown, path: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [fieldErrors.invalid(path, value, 'must be greater than or equal to 0')] : [];
}

/** ValidateObjectMeta. The store has already turned generateName into a name. */
export function validateObjectMeta(meta: ObjectMeta | undefined, namespaced: boolean, nameFn: NameValidator, path = 'metadata'): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  if (m.generateName) {
    for (const msg of nameFn(m.generateName, true)) errs.push(fieldErrors.invalid(`${path}.generateName`, m.generateName, msg));
  }
  if (!m.name) errs.push(fieldErrors.required(`${path}.name`, 'name or generateName is required'));
  else for (const msg of nameFn(m.name, false)) errs.push(fieldErrors.invalid(`${path}.name`, m.name, msg));
  if (namespaced) {
    if (!m.namespace) errs.push(fieldErrors.required(`${path}.namespace`));
    else for (const msg of isDNS1123Label(m.namespace)) errs.push(fieldErrors.invalid(`${path}.namespace`, m.namespace, msg));
  } else if (m.namespace) {
    errs.push(fieldErrors.forbidden(`${path}.namespace`, 'not allowed on this type'));
  }
  errs.push(...validateNonnegative(m.generation, `${path}.generation`));
  errs.push(...validateLabels(m.labels, `${path}.labels`));
  errs.push(...validateAnnotations(m.annotations, `${path}.annotations`));
  errs.push(...validateOwnerReferences(m.ownerReferences, `${path}.ownerReferences`));
  errs.push(...validateFinalizers(m.finalizers, `${path}.finalizers`));
  return errs;
}

/** Go prints metav1.Time through its String() method. */
function goTime(ts: string | undefined): string {
  if (!ts) return '"0001-01-01 00:00:00 +0000 UTC"';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return JSON.stringify(ts);
  const iso = d.toISOString();
  return `"${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC"`;
}

/** ValidateObjectMetaUpdate (resourceVersion presence is the store's business: it fills it in for unconditional updates). */
export function validateObjectMetaUpdate(meta: ObjectMeta | undefined, old: ObjectMeta | undefined, path = 'metadata'): FieldError[] {
  const n = meta ?? {};
  const o = old ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const added = (n.finalizers ?? []).filter((f) => !(o.finalizers ?? []).includes(f));
    if (added.length > 0) {
      errs.push(
        fieldErrors.forbidden(
          `${path}.finalizers`,
          `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice([...new Set(added)].sort())}`,
        ),
      );
    }
  }
  if ((n.generation ?? 0) < (o.generation ?? 0)) {
    errs.push(fieldErrors.invalid(`${path}.generation`, n.generation ?? 0, 'must not be decremented'));
  }
  errs.push(...validateImmutableField(n.name ?? '', o.name ?? '', `${path}.name`));
  errs.push(...validateImmutableField(n.namespace ?? '', o.namespace ?? '', `${path}.namespace`));
  errs.push(...validateImmutableField(n.uid ?? '', o.uid ?? '', `${path}.uid`));
  if ((n.creationTimestamp ?? '') !== (o.creationTimestamp ?? '')) {
    errs.push(fieldErrors.invalid(`${path}.creationTimestamp`, goValue(goTime(n.creationTimestamp)), 'field is immutable'));
  }
  errs.push(...validateLabels(n.labels, `${path}.labels`));
  errs.push(...validateAnnotations(n.annotations, `${path}.annotations`));
  errs.push(...validateOwnerReferences(n.ownerReferences, `${path}.ownerReferences`));
  return errs;
}

/** ValidateImmutableField: `<path>: Invalid value: <new>: field is immutable`. */
export function validateImmutableField(newValue: unknown, oldValue: unknown, path: string, rendered?: string): FieldError[] {
  if (semanticEqual(newValue, oldValue)) return [];
  return [fieldErrors.invalid(path, rendered !== undefined ? goValue(rendered) : newValue, 'field is immutable')];
}

/**
 * apiequality.Semantic.DeepEqual over JSON: key order is irrelevant, and (as upstream treats
 * nil and empty slices alike) absent, null and [] are the same value.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  const emptyish = (v: unknown): boolean => v === undefined || v === null || (Array.isArray(v) && v.length === 0);
  if (emptyish(a) && emptyish(b)) return true;
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => semanticEqual(v, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!semanticEqual(ao[k], bo[k])) return false;
  return true;
}
