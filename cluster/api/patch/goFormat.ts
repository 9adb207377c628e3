// Go-compatible renderings used inside upstream error messages: fmt's %v of decoded JSON values,
// reflect type names, and encoding/json syntax errors ("invalid character 'x' looking for
// beginning of value"), so that patch errors read exactly like a real apiserver's.

/** fmt.Sprintf("%v", v) for a value decoded by encoding/json into interface{}. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o)
      .sort()
      .map((k) => `${k}:${goValue(o[k])}`)
      .join(' ')}]`;
  }
  return String(v);
}

/** reflect.TypeOf(v).String() for decoded JSON (PreserveInts: integers are int64). */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'object') return 'map[string]interface {}';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

/** The JSON kind word json.UnmarshalTypeError uses ("object", "array", "string", "number", "bool"). */
export function jsonKindWord(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const q = JSON.stringify(c);
  const code = c.charCodeAt(0);
  if (code < 0x20 && !['\n', '\r', '\t', '\b', '\f'].includes(c)) return `'\\x${code.toString(16).padStart(2, '0')}'`;
  if (c === '\b') return `'\\b'`;
  if (c === '\f') return `'\\f'`;
  return `'${q.slice(1, -1)}'`;
}

const WS = new Set([' ', '\t', '\n', '\r']);

/**
 * Runs Go's encoding/json scanner over `text`; returns the error message Go would report for
 * invalid JSON, or undefined when the text is valid JSON.
 */
export function goJsonSyntaxError(text: string): string | undefined {
  let i = 0;
  const n = text.length;
  class Fail extends Error {}
  const bad = (what: string): never => {
    throw new Fail(i >= n ? 'unexpected end of JSON input' : `invalid character ${quoteChar(text[i])} ${what}`);
  };
  const skip = (): void => {
    while (i < n && WS.has(text[i])) i++;
  };
  const literal = (word: string): void => {
    for (let k = 1; k < word.length; k++) {
      i++;
      if (text[i] !== word[k]) bad(`in literal ${word} (expecting ${quoteChar(word[k])})`);
    }
    i++;
  };
  const str = (): void => {
    i++; // opening quote
    for (;;) {
      if (i >= n) bad('');
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        i++;
        if (i >= n) bad('');
        const e = text[i];
        if ('"\\/bfnrt'.includes(e)) i++;
        else if (e === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (i >= n || !/[0-9a-fA-F]/.test(text[i])) bad('in \\u hexadecimal character escape');
          }
          i++;
        } else bad('in string escape code');
        continue;
      }
      if (c.charCodeAt(0) < 0x20) bad('in string literal');
      i++;
    }
  };
  const num = (): void => {
    if (text[i] === '-') {
      i++;
      if (i >= n || !/[0-9]/.test(text[i])) bad('in numeric literal');
    }
    if (text[i] === '0') i++;
    else while (i < n && /[0-9]/.test(text[i])) i++;
    if (text[i] === '.') {
      i++;
      if (i >= n || !/[0-9]/.test(text[i])) bad('after decimal point in numeric literal');
      while (i < n && /[0-9]/.test(text[i])) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (i >= n || !/[0-9]/.test(text[i])) bad('in exponent of numeric literal');
      while (i < n && /[0-9]/.test(text[i])) i++;
    }
  };
  const value = (): void => {
    skip();
    if (i >= n) bad('');
    const c = text[i];
    if (c === '{') {
      i++;
      skip();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skip();
        if (text[i] !== '"') bad('looking for beginning of object key string');
        str();
        skip();
        if (text[i] !== ':') bad('after object key');
        i++;
        value();
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        bad('after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      skip();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        bad('after array element');
      }
    }
    if (c === '"') return str();
    if (c === '-' || /[0-9]/.test(c)) return num();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    bad('looking for beginning of value');
  };
  try {
    value();
    skip();
    if (i < n) bad('after top-level value');
    return undefined;
  } catch (e) {
    if (e instanceof Fail) return e.message;
    throw e;
  }
}
