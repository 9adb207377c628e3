// Field sets of server-side apply (sigs.k8s.io/structured-merge-diff fieldpath): a path element is
// kept in its FieldsV1 spelling (`f:name`, `k:{"name":"x"}`, `v:"a"`, `i:0`), a Set is a tree of
// members and children, exactly the shape FieldsV1 serialises to (O-5).

export type PathElement = string;
export type Path = readonly PathElement[];

export function fieldPE(name: string): PathElement {
  return `f:${name}`;
}

/** Key element of an associative list: fields sorted by name, values as compact JSON. */
export function keyPE(fields: Record<string, unknown>): PathElement {
  const names = Object.keys(fields).sort();
  return `k:{${names.map((n) => `${JSON.stringify(n)}:${JSON.stringify(fields[n])}`).join(',')}}`;
}

export function valuePE(v: unknown): PathElement {
  return `v:${JSON.stringify(v)}`;
}

const RANK: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** PathElement.Compare: field names < keys < values < indexes, then by spelling. */
function comparePE(a: PathElement, b: PathElement): number {
  const ra = RANK[a[0]] ?? 4;
  const rb = RANK[b[0]] ?? 4;
  if (ra !== rb) return ra - rb;
  if (a[0] === 'i' && b[0] === 'i') return Number(a.slice(2)) - Number(b.slice(2));
  return a < b ? -1 : a > b ? 1 : 0;
}

/** fieldpath.Path.String(): `.spec.containers[name="nginx"].image`. */
export function pathString(p: Path): string {
  return p.map(peString).join('');
}

function peString(pe: PathElement): string {
  const body = pe.slice(2);
  switch (pe[0]) {
    case 'f':
      return `.${body}`;
    case 'k': {
      const obj = JSON.parse(body) as Record<string, unknown>;
      return `[${Object.keys(obj)
        .sort()
        .map((k) => `${k}=${toGoString(obj[k])}`)
        .join(',')}]`;
    }
    case 'v':
      return `[=${toGoString(JSON.parse(body))}]`;
    case 'i':
      return `[${body}]`;
    default:
      return '{{invalid path element}}';
  }
}

function toGoString(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v);
}

export class FieldSet {
  readonly members = new Set<PathElement>();
  readonly children = new Map<PathElement, FieldSet>();

  static of(paths: Iterable<Path>): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  insert(p: Path): void {
    if (p.length === 0) return;
    let node = this as FieldSet;
    for (let i = 0; i < p.length - 1; i++) {
      let c = node.children.get(p[i]);
      if (!c) {
        c = new FieldSet();
        node.children.set(p[i], c);
      }
      node = c;
    }
    node.members.add(p[p.length - 1]);
  }

  has(p: Path): boolean {
    if (p.length === 0) return false;
    let node = this as FieldSet | undefined;
    for (let i = 0; i < p.length - 1 && node; i++) node = node.children.get(p[i]);
    return Boolean(node?.members.has(p[p.length - 1]));
  }

  /** The child set below `p` (descendants only), if any. */
  childAt(p: Path): FieldSet | undefined {
    let node = this as FieldSet | undefined;
    for (const pe of p) {
      node = node?.children.get(pe);
      if (!node) return undefined;
    }
    return node;
  }

  /** True when some member lies strictly below `p`. */
  hasDescendant(p: Path): boolean {
    const c = this.childAt(p);
    return Boolean(c && !c.empty());
  }

  empty(): boolean {
    if (this.members.size > 0) return false;
    for (const c of this.children.values()) if (!c.empty()) return false;
    return true;
  }

  // Set algebra works tree-wise (a path is in a set iff its last element is a member of the node
  // reached by the others), which keeps per-write bookkeeping linear in the size of the sets.
  union(o: FieldSet): FieldSet {
    const out = this.copy();
    out.addAll(o);
    return out;
  }

  private addAll(o: FieldSet): void {
    for (const m of o.members) this.members.add(m);
    for (const [k, c] of o.children) {
      let mine = this.children.get(k);
      if (!mine) {
        mine = new FieldSet();
        this.children.set(k, mine);
      }
      mine.addAll(c);
    }
  }

  difference(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (!o.members.has(m)) out.members.add(m);
    for (const [k, c] of this.children) {
      const other = o.children.get(k);
      const d = other ? c.difference(other) : c.copy();
      if (!d.empty()) out.children.set(k, d);
    }
    return out;
  }

  intersection(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (o.members.has(m)) out.members.add(m);
    for (const [k, c] of this.children) {
      const other = o.children.get(k);
      if (!other) continue;
      const i = c.intersection(other);
      if (!i.empty()) out.children.set(k, i);
    }
    return out;
  }

  /** Removes every member at or below `prefix` (RecursiveDifference for one path). */
  withoutPrefix(prefix: Path): FieldSet {
    const out = this.copy();
    if (prefix.length === 0) return new FieldSet();
    const parent = out.childAt(prefix.slice(0, -1));
    const last = prefix[prefix.length - 1];
    parent?.members.delete(last);
    parent?.children.delete(last);
    return out;
  }

  copy(): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) out.members.add(m);
    for (const [k, c] of this.children) out.children.set(k, c.copy());
    return out;
  }

  /** Set.Iterate order: this level's members (sorted), then each child (sorted) recursively. */
  iterate(f: (p: Path) => void, prefix: PathElement[] = []): void {
    for (const m of [...this.members].sort(comparePE)) f([...prefix, m]);
    for (const k of [...this.children.keys()].sort(comparePE)) this.children.get(k)!.iterate(f, [...prefix, k]);
  }

  paths(): Path[] {
    const out: Path[] = [];
    this.iterate((p) => out.push(p));
    return out;
  }

  /** FieldsV1 JSON: `{"f:spec":{"f:replicas":{}},"f:x":{".":{},"f:y":{}}}`. */
  toFieldsV1(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const keys = new Set<PathElement>([...this.members, ...this.children.keys()]);
    for (const k of [...keys].sort(comparePE)) {
      const child = this.children.get(k);
      if (child && !child.empty()) {
        const inner = child.toFieldsV1();
        out[k] = this.members.has(k) ? { '.': {}, ...inner } : inner;
      } else if (this.members.has(k)) {
        out[k] = {};
      }
    }
    return out;
  }

  static fromFieldsV1(v: unknown): FieldSet {
    const s = new FieldSet();
    const walk = (node: unknown, prefix: PathElement[]): void => {
      if (!node || typeof node !== 'object' || Array.isArray(node)) return;
      for (const [k, child] of Object.entries(node as Record<string, unknown>)) {
        if (k === '.') {
          if (prefix.length) s.insert(prefix);
          continue;
        }
        const hasKids = child && typeof child === 'object' && Object.keys(child).length > 0;
        if (hasKids) walk(child, [...prefix, k]);
        else s.insert([...prefix, k]);
      }
    };
    walk(v, []);
    return s;
  }
}
