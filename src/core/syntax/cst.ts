// The items of a file's lists built straight from the `yaml` library's concrete syntax tree (its
// Parser), without composing the library's document: reading a list item then costs little more
// than the library's parse alone. Scalars are read by the library's own functions
// (CST.resolveAsScalar and the core schema's tags); what this file does is lay out maps and lists
// with the same ranges the library's composer gives them.
//
// Only the plain layout portfolios use is handled: block maps and lists, single-line flow lists
// and maps of scalars, comments. Anything else, and anything the composer would report as an
// error, makes buildItemChunk return undefined, and the caller composes the usual way.
//
// It mirrors these functions of `yaml`'s composer (yaml/dist/compose/), as of YAML_CHECKED_VERSION:
// resolveProps (resolve-props.js) in Builder.props, composeNode / composeEmptyNode (compose-node.js,
// util-empty-scalar-position.js) in Builder.node and Builder.empty, composeScalar
// (compose-scalar.js) in Builder.scalar, resolveBlockMap (resolve-block-map.js, with its
// 1024-character implicit key limit) in Builder.blockMap, resolveBlockSeq (resolve-block-seq.js)
// in Builder.blockSeq, resolveFlowCollection (resolve-flow-collection.js) in Builder.flow, and
// resolveEnd (resolve-end.js) in endOf. On an upgrade of `yaml`, diff those files between the two
// versions, then run the property tests of "opening a file" (test/unit/properties.test.ts), which
// compare every item built here with the library's own composition (`composeItems`, the
// fallback that stays selectable); then update YAML_CHECKED_VERSION (test/unit/yamlVersion.test.ts
// fails until then).
import { CST, Document, Parser, isScalar as isYamlScalar } from 'yaml';
import type { PMap, PNode, PPair, PScalar, PSeq } from './ast';

/** The `yaml` version this file was last checked against (package.json pins it exactly). */
export const YAML_CHECKED_VERSION = '2.9.1';

type Token = CST.Token;
type SourceToken = CST.SourceToken;
type BlockMap = CST.BlockMap;
type BlockSequence = CST.BlockSequence;
type FlowCollection = CST.FlowCollection;

/**
 * How many collections deep YAML may nest. A portfolio needs fewer than ten levels; the limit
 * stops the recursive readers (the library's composer, this file, parse.ts) from overflowing the
 * stack on hostile input, so that it becomes a yaml-syntax problem instead of a crash.
 */
export const MAX_DEPTH = 100;

/** Thrown (and caught in buildItemChunk) where the composer would do more than this file does. */
class NotPlain extends Error {}

function notPlain(): never {
  throw new NotPlain();
}

interface ScalarTag {
  default?: boolean | 'key';
  test?: RegExp;
  resolve(value: string, onError: (message: string) => void, options: object): unknown;
}

/** The core schema's tags, in the order the composer tries them on a plain scalar. */
const CORE_TAGS = (new Document().schema as unknown as { tags: ScalarTag[] }).tags;
const RESOLVE_OPTIONS = { intAsBigInt: false };

/**
 * The first characters a plain scalar that is not a string can start with, by the core schema's
 * tests (null: ~ n N, bool: t T f F, numbers: digits + - .); any other text is a string.
 */
const NOT_ONLY_TEXT = /^(?:$|[~nNtTfF0-9+.-])/;

function plainValue(text: string): PScalar['value'] {
  if (!NOT_ONLY_TEXT.test(text)) return text;
  for (const tag of CORE_TAGS) {
    if (tag.default !== true || !tag.test?.test(text)) continue;
    const resolved = tag.resolve(text, notPlain, RESOLVE_OPTIONS);
    const value = isYamlScalar(resolved) ? resolved.value : resolved;
    return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
  }
  return text;
}

/** A node and the end of everything that belongs to it (trailing comments and line break). */
interface Built {
  node: PNode;
  /** The composer's range[2]: past the node's trailing comments and line break. */
  after: number;
}

interface Props {
  found: SourceToken | null;
  hasNewline: boolean;
  comment: boolean;
  end: number;
}

class Builder {
  /** Collections open around the node being built: past MAX_DEPTH the composer path reports it. */
  private depth = 0;

  /** The composer's resolveProps, for the tokens before a block node: no anchors, tags or tabs. */
  props(tokens: readonly SourceToken[], indicator: string, offset: number, startOnNewline: boolean): Props {
    let hasSpace = startOnNewline;
    let hasNewline = false;
    let comment = false;
    let found: SourceToken | null = null;
    for (const token of tokens) {
      switch (token.type) {
        case 'space':
          hasSpace = true;
          break;
        case 'comment':
          if (!hasSpace) notPlain();
          comment = true;
          break;
        case 'newline':
          hasNewline = true;
          hasSpace = true;
          break;
        default:
          if (token.type !== indicator || found) notPlain();
          found = token;
          hasSpace = false;
      }
    }
    const last = tokens[tokens.length - 1];
    return { found, hasNewline, comment, end: last ? last.offset + last.source.length : offset };
  }

  node(token: Token): Built {
    if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      // No finally needed: a throw ends the whole build.
      if (++this.depth > MAX_DEPTH) notPlain();
      const built = this.collection(token);
      this.depth--;
      return built;
    }
    if (isScalarToken(token) || token.type === 'block-scalar') return this.scalar(token);
    return notPlain();
  }

  private collection(token: BlockMap | BlockSequence | FlowCollection): Built {
    switch (token.type) {
      case 'block-map':
        return this.blockMap(token);
      case 'block-seq':
        return this.blockSeq(token);
      default:
        return this.flow(token);
    }
  }

  scalar(token: CST.FlowScalar | CST.BlockScalar): Built {
    const resolved = CST.resolveAsScalar(token, true, notPlain);
    if (!resolved) return notPlain();
    const value = token.type === 'scalar' ? plainValue(resolved.value) : resolved.value;
    const node: PScalar = { kind: 'scalar', value, start: resolved.range[0], end: resolved.range[1] };
    if (resolved.value !== '') node.source = resolved.value;
    return { node, after: resolved.range[2] };
  }

  /** The composer's empty node: a null placed after the whitespace of `before`. */
  empty(offset: number, before: readonly SourceToken[], props: Props): Built {
    let at = offset;
    for (let i = before.length - 1; i >= 0; --i) {
      const token = before[i]!;
      if (token.type === 'space' || token.type === 'comment' || token.type === 'newline') {
        at -= token.source.length;
        continue;
      }
      for (let j = i + 1; before[j]?.type === 'space'; j++) at += before[j]!.source.length;
      break;
    }
    const node: PScalar = { kind: 'scalar', value: plainValue(''), start: at, end: at };
    return { node, after: props.comment ? props.end : at };
  }

  blockMap(map: BlockMap): Built {
    const pairs: PPair[] = [];
    let offset = map.offset;
    let commentEnd: number | null = null;
    for (const { start, key, sep, value } of map.items) {
      const keyProps = this.props(start, 'explicit-key-ind', offset, true);
      if (keyProps.found) notPlain();
      if (!key && !sep) {
        // Comments after the last pair.
        commentEnd = keyProps.end;
        continue;
      }
      if (!key || !isScalarToken(key) || key.indent !== map.indent || containsNewline(key)) notPlain();
      const keyBuilt = this.scalar(key);
      if (pairs.some((pair) => sameKey(pair.key, keyBuilt.node))) notPlain();
      const valueProps = this.props(sep ?? [], 'map-value-ind', keyBuilt.after, false);
      if (!valueProps.found) notPlain();
      if (value?.type === 'block-map' && !valueProps.hasNewline) notPlain();
      // The composer limits an implicit key to 1024 characters before its colon.
      if (keyProps.end < valueProps.found.offset - 1024) notPlain();
      offset = valueProps.end;
      const valueBuilt = value ? this.node(value) : this.empty(offset, sep ?? [], valueProps);
      offset = valueBuilt.after;
      const keyNode = keyBuilt.node;
      const valueNode = valueBuilt.node;
      pairs.push({ key: keyNode, value: valueNode, start: keyNode.start, end: valueNode.end > keyNode.end ? valueNode.end : keyNode.end });
    }
    if (commentEnd !== null && commentEnd < offset) notPlain();
    const node: PMap = { kind: 'map', pairs, start: map.offset, end: offset };
    return { node, after: commentEnd ?? offset };
  }

  blockSeq(seq: BlockSequence): Built {
    const items: PNode[] = [];
    let offset = seq.offset;
    let commentEnd: number | null = null;
    for (const { start, value } of seq.items) {
      const props = this.props(start, 'seq-item-ind', offset, true);
      if (!props.found) {
        if (value) notPlain();
        commentEnd = props.end;
        continue;
      }
      const built = value ? this.node(value) : this.empty(props.end, start, props);
      offset = built.after;
      items.push(built.node);
    }
    const node: PSeq = { kind: 'seq', items, start: seq.offset, end: offset };
    return { node, after: commentEnd ?? offset };
  }

  /** Single-line flow lists and maps of scalars: `[a, b]`, `{ capex: 1, opex: 2 }`. */
  flow(collection: FlowCollection): Built {
    const isMap = collection.start.source === '{';
    const pairs: PPair[] = [];
    const items: PNode[] = [];
    collection.items.forEach(({ start, key, sep, value }, i) => {
      const commas = start.filter((token) => token.type === 'comma').length;
      if (commas !== (i === 0 ? 0 : 1) || start.some((token) => token.type !== 'comma' && token.type !== 'space')) notPlain();
      if (!value || !isFlatScalar(value) || (value.type === 'scalar' && value.source.startsWith(':'))) notPlain();
      if (!isMap) {
        if (key || sep) notPlain();
        items.push(this.scalar(value).node);
        return;
      }
      if (!key || !isFlatScalar(key) || !sep || sep[0]?.type !== 'map-value-ind' || sep.slice(1).some((token) => token.type !== 'space'))
        notPlain();
      const keyNode = this.scalar(key).node;
      if (pairs.some((pair) => sameKey(pair.key, keyNode))) notPlain();
      const built = this.scalar(value);
      pairs.push({
        key: keyNode,
        value: built.node,
        start: keyNode.start,
        end: built.node.end > keyNode.end ? built.node.end : keyNode.end,
      });
    });
    const [close, ...rest] = collection.end;
    if (close?.source !== (isMap ? '}' : ']')) notPlain();
    const closed = close.offset + close.source.length;
    const after = endOf(rest, closed);
    const node: PNode = isMap
      ? { kind: 'map', pairs, start: collection.offset, end: closed }
      : { kind: 'seq', items, start: collection.offset, end: closed };
    return { node, after };
  }
}

/**
 * The offset of the first collection nested deeper than MAX_DEPTH in a syntax tree, or undefined.
 * A loop over an explicit stack: the tree it guards against is too deep to recurse over.
 */
export function tooDeepAt(tokens: readonly Token[]): number | undefined {
  const stack: Array<{ token: Token; depth: number }> = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (token.type === 'document') {
      if (token.value) stack.push({ token: token.value, depth });
      continue;
    }
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth >= MAX_DEPTH) return token.offset;
    for (const item of token.items as ReadonlyArray<{ key?: Token | null; value?: Token }>) {
      if (item.key) stack.push({ token: item.key, depth: depth + 1 });
      if (item.value) stack.push({ token: item.value, depth: depth + 1 });
    }
  }
  return undefined;
}

function isScalarToken(token: Token): token is CST.FlowScalar {
  return token.type === 'scalar' || token.type === 'single-quoted-scalar' || token.type === 'double-quoted-scalar';
}

/** A one-line flow scalar followed by nothing but spaces. */
function isFlatScalar(token: Token): token is CST.FlowScalar {
  return isScalarToken(token) && !token.source.includes('\n') && (token.end ?? []).every((t) => t.type === 'space');
}

function containsNewline(token: CST.FlowScalar): boolean {
  return token.source.includes('\n') || (token.end ?? []).some((t) => t.type === 'newline');
}

function sameKey(a: PNode, b: PNode): boolean {
  return a === b || (a.kind === 'scalar' && b.kind === 'scalar' && a.value === b.value);
}

/** The composer's resolveEnd: the offset after spaces, comments and line breaks. */
function endOf(tokens: readonly SourceToken[], offset: number): number {
  let hasSpace = false;
  let at = offset;
  for (const token of tokens) {
    if (token.type === 'space' || token.type === 'newline') hasSpace = true;
    else if (token.type !== 'comment' || !hasSpace) notPlain();
    at += token.source.length;
  }
  return at;
}

/**
 * The root of one list item's chunk (see chunks.ts) as composing the chunk alone gives it: a
 * block list holding the item. Undefined when the chunk is not in the plain layout (see the top of
 * this file); the caller then composes it.
 */
export function buildItemChunk(text: string): PSeq | undefined {
  if (text.includes('\t')) return undefined;
  let document: CST.Document | undefined;
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document' || document) return undefined;
    document = token;
  }
  if (!document || document.start.some((token) => token.type !== 'space')) return undefined;
  // Comment lines less indented than the list (a heading between items) end the document.
  if (document.end?.some((token) => token.type !== 'space' && token.type !== 'comment' && token.type !== 'newline')) return undefined;
  const root = document.value;
  if (root?.type !== 'block-seq') return undefined;
  try {
    return new Builder().blockSeq(root).node as PSeq;
  } catch (error) {
    if (error instanceof NotPlain) return undefined;
    throw error;
  }
}
