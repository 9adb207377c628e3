// Reads the model metadata that @kubernetes/client-node ships (contract D-15): each generated
// model `gen/models/V1Foo.js` carries `attributeTypeMap` (name/baseName/type/format) and its
// `.d.ts` carries the JSDoc descriptions and which properties are required (no `?`).
// Files are read synchronously and only on first use, so server start-up stays fast; the
// results are cached for the life of the process.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ModelAttribute {
  /** JSON property name */
  name: string;
  /** client-node type: "string", "number", "boolean", "Date", "any", "IntOrString", "Array<T>", "{ [key: string]: T; }", or a model class name */
  type: string;
  format: string;
  description?: string;
  required: boolean;
}

export interface Model {
  name: string;
  description?: string;
  attributes: ModelAttribute[];
}

let modelsDir: string | null | undefined;

function dir(): string | null {
  if (modelsDir !== undefined) return modelsDir;
  try {
    const entry = createRequire(import.meta.url).resolve('@kubernetes/client-node');
    const candidate = join(dirname(entry), 'gen', 'models');
    modelsDir = existsSync(candidate) ? candidate : null;
  } catch {
    modelsDir = null;
  }
  return modelsDir;
}

const cache = new Map<string, Model | null>();

/** The model class `name` (e.g. "V1StatefulSetSpec"), or undefined when client-node has none. */
export function readModel(name: string): Model | undefined {
  const cached = cache.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const model = load(name);
  cache.set(name, model);
  return model ?? undefined;
}

function load(name: string): Model | null {
  const d = dir();
  if (!d || !/^[A-Za-z0-9]+$/.test(name)) return null;
  const jsPath = join(d, `${name}.js`);
  if (!existsSync(jsPath)) return null;
  const js = readFileSync(jsPath, 'utf8');
  const match = /\.attributeTypeMap = (\[[\s\S]*?\]);/.exec(js);
  if (!match) return null;
  const map = JSON.parse(match[1]) as { name: string; baseName: string; type: string; format: string }[];
  const dts = readDts(join(d, `${name}.d.ts`));
  return {
    name,
    description: dts.classDescription,
    attributes: map.map((a) => ({
      name: a.baseName,
      type: a.type,
      format: a.format,
      description: dts.props.get(a.name)?.description,
      required: dts.props.get(a.name)?.required ?? false,
    })),
  };
}

interface DtsInfo {
  classDescription?: string;
  props: Map<string, { description?: string; required: boolean }>;
}

/** Parses the generated declaration file: JSDoc blocks followed by `'prop'?: Type;` lines. */
function readDts(path: string): DtsInfo {
  const info: DtsInfo = { props: new Map() };
  if (!existsSync(path)) return info;
  const lines = readFileSync(path, 'utf8').split('\n');
  let pending: string[] | null = null;
  let doc: string | undefined;
  let inClass = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (line.startsWith('/**')) {
      pending = [];
      continue;
    }
    if (pending) {
      if (line.startsWith('*/')) {
        doc = cleanDoc(pending.join('\n'));
        pending = null;
      } else {
        pending.push(line.replace(/^\* ?/, ''));
      }
      continue;
    }
    if (line.startsWith('export declare class')) {
      info.classDescription = doc;
      doc = undefined;
      inClass = true;
      continue;
    }
    const prop = /^'([^']+)'(\?)?:/.exec(line);
    if (inClass && prop) {
      info.props.set(prop[1], { description: doc, required: prop[2] !== '?' });
      doc = undefined;
      continue;
    }
    if (line !== '') doc = undefined;
  }
  return info;
}

/**
 * The generator flattened upstream paragraph breaks ("\n\n") into two spaces and escaped
 * quotes; undo both so descriptions read like upstream's.
 */
function cleanDoc(text: string): string | undefined {
  const t = text
    .replace(/\n/g, ' ')
    .replace(/\\(['"])/g, '$1')
    .replace(/([.:)]) {2}(?=\S)/g, '$1\n\n')
    .replace(/ {3}- /g, '\n  - ')
    .trim();
  return t === '' ? undefined : t;
}

/** Element type of "Array<T>" or value type of "{ [key: string]: T; }", else undefined. */
export function arrayItemType(type: string): string | undefined {
  const m = /^Array<(.+)>$/.exec(type);
  return m ? m[1] : undefined;
}

export function mapValueType(type: string): string | undefined {
  const m = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  return m ? m[1] : undefined;
}

/** Description of one property of a model, for callers that only need documentation (tables). */
export function fieldDescription(model: string, field: string): string {
  return readModel(model)?.attributes.find((a) => a.name === field)?.description ?? '';
}
