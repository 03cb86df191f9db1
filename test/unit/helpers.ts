// Small helpers shared by the unit tests. Expected positions are computed here from the YAML text
// of a test, independently of the engine's own line index.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PortfolioDiagnostic } from '../../src/core/check/diagnostics';
import type { Position, Range } from '../../src/core/syntax/lineIndex';
import type { RuleId } from '../../src/core/check/ruleIds';
import type { RelationshipModel, Severity } from '../../src/core/model/schema';
import type { TextEdit } from '../../src/core/features/navigation';
import { Workspace, type Analysis, type CheckOptions, type CheckResult } from '../../src/core/check/workspace';

export { portfolio, DEFAULT_INITIATIVE, DEFAULT_METADATA, DEFAULT_OUTCOME, ORDER_TO_CASH, PLANT_UPTIME } from './fixtures';
export type { Fields, PortfolioSpec } from './fixtures';

/** The clock every test passes in, unless it is about dates. */
export const TODAY = '2027-06-15';
/** The path used when a test checks a single text. */
export const FILE = 'test.portfolio.yaml';
export const MODELS: readonly RelationshipModel[] = ['passive', 'provider', 'partner', 'peer'];

/** The repository root (the folder with package.json), wherever the bundled test runs from. */
export const REPO_ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
})();

/**
 * YAML written indented inside a test: drops the first (empty) line and the common indentation,
 * and ends the text with one newline. Interpolated values must be single-line.
 */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  let text = strings.reduce((out, part, i) => out + part + (i < values.length ? String(values[i]) : ''), '');
  text = text.replace(/^[ \t]*\n/, '').replace(/\n[ \t]*$/, '');
  const lines = text.split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(Math.min(indent, /^ */.exec(l)![0].length))).join('\n') + '\n';
}

/** Line and character (0-based, UTF-16) of an offset, counting '\n' as the line break. */
export function positionOf(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

/** The range of the `occurrence`-th (1-based) appearance of `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 1): Range {
  let at = -1;
  for (let n = 0; n < occurrence; n++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`"${needle}" occurs fewer than ${occurrence} time(s) in the text`);
  }
  return { start: positionOf(text, at), end: positionOf(text, at + needle.length) };
}

/** The range of `needle` inside the first appearance of `context`, which must be unique. */
export function rangeIn(text: string, context: string, needle: string): Range {
  const at = text.indexOf(context);
  if (at === -1) throw new Error(`"${context}" does not occur in the text`);
  if (text.indexOf(context, at + 1) !== -1) throw new Error(`"${context}" occurs more than once in the text`);
  const inner = context.indexOf(needle);
  if (inner === -1) throw new Error(`"${needle}" does not occur in "${context}"`);
  return { start: positionOf(text, at + inner), end: positionOf(text, at + inner + needle.length) };
}

/** The position of the `occurrence`-th `needle` in `text`, plus `shift` characters. */
export function at(text: string, needle: string, shift = 0, occurrence = 1): Position {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" not found ${occurrence} times`);
  }
  return positionOf(text, index + shift);
}

/** The offset of a 0-based line and character, counted here rather than by the engine. */
export function offsetOf(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) throw new Error(`line ${position.line} is past the end of the text`);
    offset = next + 1;
  }
  return offset + position.character;
}

/** Applies edits to one file's text, last first, as VS Code applies a WorkspaceEdit. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits
    .map((e) => ({ start: offsetOf(text, e.range.start), end: offsetOf(text, e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The analysis of a workspace of several files, as the language features get it. */
export function analysisOf(files: Record<string, string>): Analysis {
  return workspaceOf(files).analysis({ today: TODAY });
}

/** A workspace holding one text (at FILE) or several files by path. */
export function workspaceOf(files: string | Record<string, string>, options: { alwaysChunk?: boolean } = {}): Workspace {
  const workspace = new Workspace(options);
  for (const [file, text] of Object.entries(typeof files === 'string' ? { [FILE]: files } : files)) workspace.setFile(file, text);
  return workspace;
}

export function check(files: string | Record<string, string>, options: Partial<CheckOptions> = {}): CheckResult {
  return workspaceOf(files).check({ today: TODAY, ...options });
}

/** Every diagnostic of a result, or of one file of it. */
export function diagnostics(result: CheckResult, file?: string): PortfolioDiagnostic[] {
  return result.files.filter((f) => file === undefined || f.path === file).flatMap((f) => f.diagnostics);
}

/** The diagnostics with one code, in every file or in one. */
export function withCode(result: CheckResult, code: RuleId, file?: string): PortfolioDiagnostic[] {
  return diagnostics(result, file).filter((d) => d.code === code);
}

/** The one diagnostic with this code; fails when there are none or several. */
export function only(result: CheckResult, code: RuleId, file?: string): PortfolioDiagnostic {
  const found = withCode(result, code, file);
  assert.equal(
    found.length,
    1,
    `expected exactly one ${code} diagnostic, got ${found.length}: ${JSON.stringify(found.map((d) => d.message))}`,
  );
  return found[0]!;
}

/** "code line:char-line:char" for readable failure messages. */
export function show(d: PortfolioDiagnostic): string {
  const r = d.range;
  return `${d.code} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${d.message}`;
}

/** Fails with the list of diagnostics when the result has any. */
export function assertClean(result: CheckResult): void {
  const all = diagnostics(result);
  assert.deepEqual(all.map(show), [], 'expected no diagnostics');
}

/** The rule table of docs/README.md (docs/design.md, "The rules"): default severity per relationship model (passive, provider, partner, peer). */
export const DESIGN_SEVERITIES: Record<RuleId, Record<RelationshipModel, Severity>> = (() => {
  const row = (passive: Severity, provider: Severity, partner: Severity, peer: Severity) => ({ passive, provider, partner, peer });
  return {
    'yaml-syntax': row('error', 'error', 'error', 'error'),
    schema: row('error', 'error', 'error', 'error'),
    'duplicate-id': row('error', 'error', 'error', 'error'),
    'unknown-outcome': row('error', 'error', 'error', 'error'),
    'unlinked-spend': row('warning', 'warning', 'error', 'error'),
    'unlinked-infrastructure': row('warning', 'error', 'error', 'error'),
    'split-not-100': row('error', 'error', 'error', 'error'),
    'unmeasured-outcome': row('off', 'info', 'warning', 'error'),
    'orphan-outcome': row('info', 'info', 'info', 'warning'),
    'outcome-over-budget': row('warning', 'warning', 'warning', 'warning'),
    'beyond-budget': row('warning', 'info', 'info', 'info'),
    'not-in-catalog': row('off', 'warning', 'info', 'off'),
    'missing-brm': row('off', 'info', 'warning', 'warning'),
    'missing-owner': row('info', 'info', 'warning', 'warning'),
    'cost-overrun': row('warning', 'warning', 'warning', 'warning'),
    'schedule-slip': row('info', 'info', 'warning', 'warning'),
    'goal-missed': row('warning', 'warning', 'warning', 'warning'),
    'date-order': row('error', 'error', 'error', 'error'),
    'unknown-dependency': row('error', 'error', 'error', 'error'),
    'dependency-cycle': row('error', 'error', 'error', 'error'),
    currency: row('error', 'error', 'error', 'error'),
    'metadata-conflict': row('warning', 'warning', 'warning', 'warning'),
  };
})();

/**
 * Checks `build(model)` under every relationship model and asserts the design's severity for
 * `code` (or no such diagnostic where the design says off). The text must declare the model.
 */
export function assertSeverityByModel(code: RuleId, build: (model: RelationshipModel) => string): void {
  for (const model of MODELS) {
    const found = withCode(check(build(model)), code);
    const expected = DESIGN_SEVERITIES[code][model];
    if (expected === 'off') {
      assert.deepEqual(found.map(show), [], `${code} is off under the ${model} model`);
    } else {
      assert.ok(found.length > 0, `${code} fires under the ${model} model`);
      for (const d of found) assert.equal(d.severity, expected, `${code} under the ${model} model`);
    }
  }
}

/** The text with `rules: { code: severity }` added at the top of its metadata. */
export function withFileRule(text: string, code: RuleId, severity: Severity): string {
  assert.match(text, /^metadata:\n/m, 'the text needs a metadata block to add rules to');
  return text.replace(/^metadata:\n/m, `metadata:\n  rules: { ${code}: ${severity} }\n`);
}

/**
 * Severity overrides of a text in which `code` fires with `expected` by default: the caller's
 * `rules` apply below the file's metadata.rules, `forceRules` above it, and 'off' removes it.
 */
export function assertOverrides(code: RuleId, text: string, expected: Severity): void {
  const severities = (t: string, options: Partial<CheckOptions> = {}) => withCode(check(t, options), code).map((d) => d.severity);
  const base = severities(text);
  assert.ok(base.length > 0, `${code} fires in the text`);
  assert.ok(
    base.every((s) => s === expected),
    `${code} is ${expected} by default, got ${base.join(', ')}`,
  );
  // Three distinct severities: x for the caller's rules, y for the file, and the default for force.
  const [x, y] = (['error', 'warning', 'info'] as const).filter((s) => s !== expected) as [Severity, Severity];
  const all = (list: Severity[], severity: Severity) => list.length === base.length && list.every((s) => s === severity);

  assert.ok(all(severities(text, { rules: { [code]: x } }), x), 'caller rules override the default');
  const fileText = withFileRule(text, code, y);
  assert.ok(all(severities(fileText), y), 'metadata.rules overrides the default');
  assert.ok(all(severities(fileText, { rules: { [code]: x } }), y), 'metadata.rules wins over the caller rules');
  assert.ok(all(severities(fileText, { forceRules: { [code]: expected } }), expected), 'forceRules wins over metadata.rules');
  assert.deepEqual(severities(withFileRule(text, code, 'off')), [], 'metadata.rules off removes it');
  assert.deepEqual(severities(text, { rules: { [code]: 'off' } }), [], 'caller rules off removes it');
  assert.deepEqual(severities(fileText, { forceRules: { [code]: 'off' } }), [], 'forceRules off removes it');
}

// Two files of one workspace, for the language-feature tests: outcomes in one, initiatives in the other.
export const OUTCOMES = `apiVersion: portfolio/v1
kind: Portfolio
outcomes:
  - id: supply-chain-cost
    title: Cut the cost to run the supply chain
    owner: COO
    capability: Supply chain
    budget: 2M
    measures:
      - kind: cost
        metric: Cost per order
        baseline: 12
        target: 10
        actual: 11
        due: 2027-12-31
  - id: order-to-cash
    title: Get paid faster
    owner: CFO
    capability: Finance
`;

export const INITIATIVES = `apiVersion: portfolio/v1
kind: Portfolio
metadata:
  name: Test portfolio
  currency: EUR
  brm: Dana
  rates: { USD: 0.5 }
initiatives:
  - id: erp
    title: ERP upgrade for the supply chain
    type: software-upgrade
    outcomes: [supply-chain-cost]
    cost: 1.5M
    owner: ERP team
  - id: invoicing
    title: Invoicing
    outcomes: { supply-chain-cost: 30%, order-to-cash: 70% }
    cost: "200k USD"
    owner: Finance IT
    dependsOn: [erp]
  - id: warehouse-robots
    title: Warehouse robots for the supply chain
    cost: 400k
    owner: Logistics
`;
