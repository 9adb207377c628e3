// Decodes Kubernetes protobuf request bodies (contract P-3, Appendix A) into the plain JSON object the
// same request would have carried as application/json, so the rest of the server handles both alike.
import type { KubeObject } from '../../types';
import { newBadRequest, newUnsupportedMediaType } from '../errors';
import { KINDS, MESSAGES } from './messages';
import { readFields, toSigned, utf8String, WireError, type WireField } from './wire';

interface FieldSpec {
  num: number;
  name: string;
  type: string;
  repeated: boolean;
  /** a Go pointer: zero values are meaningful and kept */
  ptr: boolean;
  inline: boolean;
  mapKey?: string;
  mapValue?: string;
}

const schemas = new Map<string, Map<number, FieldSpec>>();

function schema(message: string): Map<number, FieldSpec> {
  let s = schemas.get(message);
  if (s) return s;
  const table = MESSAGES[message];
  if (table === undefined) throw new WireError(`no field table for message ${message}`);
  s = new Map();
  for (const entry of table.split('|')) {
    if (!entry) continue; // a message whose fields are all of types this server does not model
    const [num, name, typeAndFlags] = entry.split(' ');
    const m = /^(.*?)([*?^]*)$/.exec(typeAndFlags);
    const type = m ? m[1] : typeAndFlags;
    const flags = m ? m[2] : '';
    const spec: FieldSpec = { num: Number(num), name, type, repeated: flags.includes('*'), ptr: flags.includes('?'), inline: flags.includes('^') };
    const mm = /^map<([^,]+),(.+)>$/.exec(type);
    if (mm) {
      spec.mapKey = mm[1];
      spec.mapValue = mm[2];
    }
    s.set(spec.num, spec);
  }
  schemas.set(message, s);
  return s;
}

const SCALARS = new Set(['string', 'bytes', 'int32', 'int64', 'bool', 'double']);

function need(f: WireField, wireType: number, what: string): void {
  if (f.wireType !== wireType) throw new WireError(`field ${f.num} (${what}) has wire type ${f.wireType}, expected ${wireType}`);
}

function goDuration(ns: number): string {
  // time.Duration.String() for the common cases (whole seconds or sub-second values).
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  let rest = Math.abs(ns);
  if (rest < 1e9) {
    if (rest < 1e3) return `${sign}${rest}ns`;
    if (rest < 1e6) return `${sign}${rest / 1e3}µs`;
    return `${sign}${rest / 1e6}ms`;
  }
  const h = Math.floor(rest / 3.6e12);
  rest -= h * 3.6e12;
  const m = Math.floor(rest / 6e10);
  rest -= m * 6e10;
  const s = rest / 1e9;
  if (h > 0) return `${sign}${h}h${m}m${s}s`;
  if (m > 0) return `${sign}${m}m${s}s`;
  return `${sign}${s}s`;
}

function timeFields(b: Uint8Array): { seconds: number; nanos: number } {
  let seconds = 0;
  let nanos = 0;
  for (const f of readFields(b)) {
    if (f.num === 1 && f.int !== undefined) seconds = toSigned(f.int);
    if (f.num === 2 && f.int !== undefined) nanos = toSigned(f.int);
  }
  return { seconds, nanos };
}

/** Decodes one field value; undefined means "absent" (a zero Time, an empty RawExtension). */
function decodeValue(type: string, f: WireField): unknown {
  switch (type) {
    case 'string':
      need(f, 2, type);
      return utf8String(f.bytes as Uint8Array);
    case 'bytes':
      need(f, 2, type);
      return Buffer.from(f.bytes as Uint8Array).toString('base64');
    case 'int32':
    case 'int64':
      need(f, 0, type);
      return toSigned(f.int as bigint);
    case 'bool':
      need(f, 0, type);
      return f.int !== 0n;
    case 'double': {
      need(f, 1, type);
      const dv = new DataView(new ArrayBuffer(8));
      dv.setBigUint64(0, f.int as bigint, true);
      return dv.getFloat64(0, true);
    }
  }
  need(f, 2, type);
  const b = f.bytes as Uint8Array;
  switch (type) {
    case 'Time':
    case 'MicroTime': {
      const { seconds, nanos } = timeFields(b);
      if (seconds === 0 && nanos === 0) return undefined; // metav1.Time zero value marshals as null
      const iso = new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '');
      return type === 'Time' ? `${iso}Z` : `${iso}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`;
    }
    case 'Duration': {
      const d = readFields(b).find((x) => x.num === 1);
      return goDuration(d?.int !== undefined ? toSigned(d.int) : 0);
    }
    case 'IntOrString': {
      let t = 0;
      let i = 0;
      let s = '';
      for (const x of readFields(b)) {
        if (x.num === 1 && x.int !== undefined) t = toSigned(x.int);
        else if (x.num === 2 && x.int !== undefined) i = toSigned(x.int);
        else if (x.num === 3 && x.bytes) s = utf8String(x.bytes);
      }
      return t === 1 ? s : i;
    }
    case 'Quantity': {
      const q = readFields(b).find((x) => x.num === 1 && x.bytes);
      return q?.bytes ? utf8String(q.bytes) : '0';
    }
    case 'FieldsV1':
    case 'RawExtension': {
      const raw = readFields(b).find((x) => x.num === 1 && x.bytes);
      if (!raw?.bytes || raw.bytes.length === 0) return undefined;
      try {
        return JSON.parse(utf8String(raw.bytes)) as unknown;
      } catch {
        throw new WireError(`field ${f.num} does not hold JSON`);
      }
    }
    case 'ExtraValue':
      return readFields(b)
        .filter((x) => x.num === 1)
        .map((x) => decodeValue('string', x));
    default:
      return decodeMessage(type, b);
  }
}

function zeroOf(type: string): unknown {
  if (type === 'string' || type === 'bytes') return '';
  if (type === 'int32' || type === 'int64' || type === 'double') return 0;
  if (type === 'bool') return false;
  if (type === 'Quantity') return '0';
  if (type === 'ExtraValue') return [];
  return {};
}

function isZeroScalar(type: string, v: unknown): boolean {
  return SCALARS.has(type) && (v === '' || v === 0 || v === false);
}

/** Decodes one message by its field table into a JSON object (Go's encoding/json shape). */
export function decodeMessage(message: string, bytes: Uint8Array): Record<string, unknown> {
  const spec = schema(message);
  const out: Record<string, unknown> = {};
  for (const f of readFields(bytes)) {
    const fs = spec.get(f.num);
    if (!fs) continue; // a field this server does not know: ignore like the JSON decoder in Ignore mode
    if (fs.mapKey !== undefined && fs.mapValue !== undefined) {
      need(f, 2, 'map entry');
      let key: unknown = zeroOf(fs.mapKey);
      let value: unknown = zeroOf(fs.mapValue);
      for (const e of readFields(f.bytes as Uint8Array)) {
        if (e.num === 1) key = decodeValue(fs.mapKey, e);
        else if (e.num === 2) value = decodeValue(fs.mapValue, e) ?? zeroOf(fs.mapValue);
      }
      const map = (out[fs.name] ??= {}) as Record<string, unknown>;
      map[String(key)] = value;
      continue;
    }
    if (fs.repeated) {
      const list = (out[fs.name] ??= []) as unknown[];
      if (f.wireType === 2 && (fs.type === 'int32' || fs.type === 'int64' || fs.type === 'bool')) {
        // packed encoding
        for (const x of readPacked(f.bytes as Uint8Array)) list.push(fs.type === 'bool' ? x !== 0 : x);
      } else {
        list.push(decodeValue(fs.type, f));
      }
      continue;
    }
    const v = decodeValue(fs.type, f);
    if (fs.inline) {
      Object.assign(out, v as Record<string, unknown>);
      continue;
    }
    if (v === undefined || (!fs.ptr && isZeroScalar(fs.type, v))) {
      delete out[fs.name];
      continue;
    }
    out[fs.name] = v;
  }
  return out;
}

function readPacked(b: Uint8Array): number[] {
  // Re-use the field reader by prefixing each varint with a synthetic key is overkill; read varints directly.
  const out: number[] = [];
  let pos = 0;
  while (pos < b.length) {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= b.length) throw new WireError('unexpected end of data in packed field');
      const byte = b[pos++];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) break;
      shift += 7n;
    }
    out.push(toSigned(result));
  }
  return out;
}

const PROTOBUF_MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

/**
 * k8s\0 envelope -> runtime.Unknown -> the object's own message -> JSON object (P-3).
 * Throws StatusError 400 for malformed data and 415 for kinds the server cannot decode.
 */
export function decodeProtobufBody(buf: Uint8Array): KubeObject {
  if (buf.length < 4 || !PROTOBUF_MAGIC.every((b, i) => buf[i] === b)) {
    throw newBadRequest('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  }
  let apiVersion = '';
  let kind = '';
  let raw: Uint8Array = new Uint8Array();
  let contentEncoding = '';
  try {
    for (const f of readFields(buf.subarray(4))) {
      if (f.num === 1 && f.bytes) {
        const tm = decodeMessage('TypeMeta', f.bytes);
        apiVersion = typeof tm.apiVersion === 'string' ? tm.apiVersion : '';
        kind = typeof tm.kind === 'string' ? tm.kind : '';
      } else if (f.num === 2 && f.bytes) raw = f.bytes;
      else if (f.num === 3 && f.bytes) contentEncoding = utf8String(f.bytes);
    }
  } catch (e) {
    throw newBadRequest(`unable to decode the protobuf envelope: ${(e as Error).message}`);
  }
  const message = KINDS[`${apiVersion}/${kind}`];
  if (!message || contentEncoding) {
    // Kinds without a field table here behave like types that have no protobuf encoding upstream (CRDs).
    throw newUnsupportedMediaType(['application/json', 'application/yaml']);
  }
  let obj: Record<string, unknown>;
  try {
    obj = decodeMessage(message, raw);
  } catch (e) {
    const version = apiVersion.includes('/') ? apiVersion.split('/')[1] : apiVersion;
    throw newBadRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${(e as Error).message}`);
  }
  const { metadata, ...rest } = obj;
  return { apiVersion, kind, metadata: (metadata ?? {}) as KubeObject['metadata'], ...rest };
}
