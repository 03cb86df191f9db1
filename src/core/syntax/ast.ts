// A small, editor-neutral syntax tree of one YAML chunk, with source offsets relative to the
// chunk's first character (see parse.ts). Built from the `yaml` library's nodes, then the
// library's document is dropped: this tree is much lighter to keep for thousands of items.

export interface PScalar {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** The source text of a plain scalar; money and rates are read from it, never from a float. */
  source?: string;
  start: number;
  end: number;
}

export interface PPair {
  key: PNode;
  value: PNode | null;
  start: number;
  end: number;
}

export interface PMap {
  kind: 'map';
  pairs: PPair[];
  start: number;
  end: number;
}

export interface PSeq {
  kind: 'seq';
  items: PNode[];
  start: number;
  end: number;
}

export type PNode = PScalar | PMap | PSeq;

export function isMap(node: PNode | null | undefined): node is PMap {
  return node?.kind === 'map';
}

export function isSeq(node: PNode | null | undefined): node is PSeq {
  return node?.kind === 'seq';
}

export function isScalar(node: PNode | null | undefined): node is PScalar {
  return node?.kind === 'scalar';
}

/** The key of a pair as text, or undefined for a complex key. */
export function keyText(pair: PPair): string | undefined {
  const key = pair.key;
  return key.kind === 'scalar' && key.value !== null ? String(key.value) : undefined;
}

export function getPair(map: PMap, key: string): PPair | undefined {
  for (const pair of map.pairs) {
    if (keyText(pair) === key) return pair;
  }
  return undefined;
}

export function getValue(map: PNode | null | undefined, key: string): PNode | null | undefined {
  return isMap(map) ? getPair(map, key)?.value : undefined;
}

/** The scalar's value when it is a string. */
export function stringValue(node: PNode | null | undefined): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** Follows a path of keys and indexes; returns the deepest node reached and the pair for keys. */
export function nodeAtPath(root: PNode | null, path: readonly PropertyKey[]): { node: PNode | null; pair?: PPair } {
  let node: PNode | null = root;
  let pair: PPair | undefined;
  for (const step of path) {
    if (isMap(node) && typeof step === 'string') {
      const next = getPair(node, step);
      if (!next) break;
      pair = next;
      node = next.value;
    } else if (isSeq(node) && typeof step === 'number' && step < node.items.length) {
      pair = undefined;
      node = node.items[step]!;
    } else {
      break;
    }
  }
  return { node, pair };
}

/**
 * Converts to plain data for schema validation. Mappings become objects without a prototype, so
 * a hostile `__proto__` key is just a key (and reported as unknown), never a prototype change.
 */
export function toPlain(node: PNode | null): unknown {
  if (node === null) return null;
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const out: Record<string, unknown> = Object.create(null);
      for (const pair of node.pairs) {
        const key = pair.key.kind === 'scalar' ? String(pair.key.value) : '[complex key]';
        out[key] = toPlain(pair.value);
      }
      return out;
    }
  }
}

/** The values of a mapping by key, read in one pass (the first of duplicate keys wins). */
export function fieldsOf(node: PNode | null | undefined): Record<string, PNode | null> {
  const out: Record<string, PNode | null> = Object.create(null);
  if (node?.kind !== 'map') return out;
  for (const pair of node.pairs) {
    const key = pair.key;
    if (key.kind !== 'scalar' || key.value === null) continue;
    const name = typeof key.value === 'string' ? key.value : String(key.value);
    if (!(name in out)) out[name] = pair.value;
  }
  return out;
}
