// The workspace: ids resolved across files, updates that re-read only what changed, and the
// chunk cache of incremental parsing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseFile, type ChunkCache } from '../../src/core/syntax/parse';
import { Workspace } from '../../src/core/check/workspace';
import { check, diagnostics, only, rangeOf, REPO_ROOT, TODAY, withCode, yaml } from './helpers';

const outcomes = yaml`
  apiVersion: portfolio/v1
  kind: Portfolio
  metadata: { name: Outcomes, currency: EUR, brm: Dana Whitfield }
  outcomes:
    - id: supply-chain-cost
      title: Cut supply chain cost
      owner: COO
      capability: Supply chain
      measures:
        - { kind: cost, metric: Cost per order, target: 11.4 }
`;

const initiatives = yaml`
  apiVersion: portfolio/v1
  kind: Portfolio
  metadata: { name: Outcomes, currency: EUR }
  initiatives:
    - id: wms-rollout
      title: Warehouse management
      outcomes: [supply-chain-cost]
      cost: 850k
      owner: Logistics IT
`;

const example = (name: string) => fs.readFileSync(path.join(REPO_ROOT, 'examples', name), 'utf8');

describe('workspace index', () => {
  it('resolves ids across files: a link to an outcome of another file', () => {
    const result = check({ 'a/outcomes.portfolio.yaml': outcomes, 'b/initiatives.portfolio.yaml': initiatives });
    assert.deepEqual(diagnostics(result), []);
    assert.deepEqual(
      result.summary.byOutcome.map((o) => [o.id, o.path, o.spend, o.initiatives]),
      [['supply-chain-cost', 'a/outcomes.portfolio.yaml', 850_000_00, 1]],
    );
    assert.equal(result.summary.alignmentScore, 1);
  });

  it('sees a link break when the file with the outcome is removed', () => {
    const workspace = new Workspace();
    workspace.setFile('outcomes.portfolio.yaml', outcomes);
    workspace.setFile('initiatives.portfolio.yaml', initiatives);
    assert.deepEqual(withCode(workspace.check({ today: TODAY }), 'unknown-outcome'), []);
    assert.equal(workspace.removeFile('outcomes.portfolio.yaml'), true);
    const result = workspace.check({ today: TODAY });
    assert.deepEqual(only(result, 'unknown-outcome').range, rangeOf(initiatives, 'supply-chain-cost'));
    assert.deepEqual(
      result.files.map((f) => f.path),
      ['initiatives.portfolio.yaml'],
    );
    assert.equal(result.summary.unlinkedSpend, 850_000_00);
  });

  it('reports a duplicate id across two files on the second, with related pointing at the first', () => {
    const copy = initiatives.replace('title: Warehouse management', 'title: Warehouse management, again');
    const result = check({ 'b.portfolio.yaml': copy, 'a.portfolio.yaml': initiatives, 'c.portfolio.yaml': outcomes });
    assert.deepEqual(withCode(result, 'duplicate-id', 'a.portfolio.yaml'), [], 'the first definition (in path order) is not flagged');
    const d = only(result, 'duplicate-id', 'b.portfolio.yaml');
    assert.deepEqual(d.range, rangeOf(copy, 'wms-rollout'));
    assert.match(
      d.message,
      new RegExp(`already defined in a\\.portfolio\\.yaml line ${rangeOf(initiatives, 'wms-rollout').start.line + 1}\\b`),
    );
    assert.deepEqual(d.related, [
      { path: 'a.portfolio.yaml', range: rangeOf(initiatives, 'wms-rollout'), message: '"wms-rollout" is first defined here' },
    ]);
  });

  it('an update of one file does not re-read the others', () => {
    const workspace = new Workspace();
    workspace.setFile('outcomes.portfolio.yaml', outcomes);
    workspace.setFile('initiatives.portfolio.yaml', initiatives);
    const other = workspace.getFile('outcomes.portfolio.yaml');
    assert.ok(other);
    // Each reading of a file has its own parse: the other file keeps the one it had.
    const otherParse = other.parsed;
    const changedParse = workspace.getFile('initiatives.portfolio.yaml')!.parsed;
    const before = workspace.check({ today: TODAY });
    const changed = workspace.setFile('initiatives.portfolio.yaml', initiatives.replace('cost: 850k', 'cost: 900k'));
    assert.equal(workspace.getFile('outcomes.portfolio.yaml'), other, 'the very same object');
    assert.equal(other.parsed, otherParse, 'the other file was not read again');
    assert.notEqual(changed.parsed, changedParse, 'the changed file was read again');
    assert.equal(workspace.getFile('initiatives.portfolio.yaml'), changed);
    assert.equal(workspace.check({ today: TODAY }).summary.totalSpend, 900_000_00);
    assert.equal(before.summary.totalSpend, 850_000_00);
  });

  it('setting the same text again keeps the file as it was', () => {
    const workspace = new Workspace();
    const first = workspace.setFile('initiatives.portfolio.yaml', initiatives);
    assert.equal(workspace.setFile('initiatives.portfolio.yaml', initiatives), first);
  });

  it('gives the same ranges for a file with CRLF line endings', () => {
    const lf = {
      'acme-it.portfolio.yaml': example('acme-it.portfolio.yaml'),
      'outcomes.portfolio.yaml': example('outcomes.portfolio.yaml'),
    };
    const crlf = Object.fromEntries(Object.entries(lf).map(([k, v]) => [k, v.replace(/\n/g, '\r\n')]));
    const a = check(lf);
    const b = check(crlf);
    assert.ok(diagnostics(a).length > 0);
    assert.deepEqual(b.files, a.files);
    assert.deepEqual(b.summary, a.summary);
  });

  it('gives the same diagnostics and summary whether a file is parsed whole or in chunks', () => {
    const files = {
      'acme-it.portfolio.yaml': example('acme-it.portfolio.yaml'),
      'outcomes.portfolio.yaml': example('outcomes.portfolio.yaml'),
    };
    const whole = new Workspace();
    const chunked = new Workspace({ alwaysChunk: true });
    for (const [file, text] of Object.entries(files)) {
      whole.setFile(file, text);
      chunked.setFile(file, text);
    }
    assert.equal(chunked.getFile('acme-it.portfolio.yaml')!.parsed.chunked, true);
    assert.equal(whole.getFile('acme-it.portfolio.yaml')!.parsed.chunked, false);
    const a = whole.check({ today: TODAY });
    const b = chunked.check({ today: TODAY });
    assert.deepEqual(b.files, a.files);
    assert.deepEqual(b.summary, a.summary);
  });
});

describe('incremental parsing', () => {
  const text = example('acme-it.portfolio.yaml');

  it('splits a file into one chunk per top-level key and per list item', () => {
    const parsed = parseFile(text, { alwaysChunk: true });
    assert.equal(parsed.chunked, true);
    // apiVersion, kind, metadata, the initiatives head, and one chunk per initiative.
    const items = text.match(/^  - id: /gm)!.length;
    assert.equal(parsed.chunks.length, 4 + items);
    assert.equal(parsed.initiativeItems.length, items);
    assert.equal(parsed.chunks.map((c) => c.parse.text).join(''), text, 'the chunks tile the text');
  });

  it('after a one-character edit inside one initiative, only that chunk is parsed again', () => {
    const cache: ChunkCache = new Map();
    const before = parseFile(text, { cache, alwaysChunk: true });
    const at = text.indexOf('Plant network core upgrade');
    const edited = text.slice(0, at) + 'X' + text.slice(at);
    const after = parseFile(edited, { cache, alwaysChunk: true });
    assert.equal(after.chunks.length, before.chunks.length);
    const changed = after.chunks.map((chunk, i) => (chunk.parse === before.chunks[i]!.parse ? -1 : i)).filter((i) => i >= 0);
    assert.equal(changed.length, 1);
    const chunk = after.chunks[changed[0]!]!;
    assert.ok(chunk.base <= at && at < chunk.base + chunk.parse.text.length, 'the changed chunk holds the edit');
    assert.match(chunk.parse.text, /XPlant network core upgrade/);
  });

  it('reuses the parse of an item that only moved, when a line is added above it', () => {
    const cache: ChunkCache = new Map();
    const before = parseFile(text, { cache, alwaysChunk: true });
    const at = text.indexOf('  - id: data-platform');
    const edited = text.slice(0, at) + '  - id: inserted\n    title: Inserted\n\n' + text.slice(at);
    const after = parseFile(edited, { cache, alwaysChunk: true });
    assert.equal(after.chunks.length, before.chunks.length + 1);
    const reused = after.chunks.filter((c) => before.chunks.some((b) => b.parse === c.parse)).length;
    assert.equal(reused, before.chunks.length, 'every old chunk is reused, at its new offset');
  });

  it('a workspace built with alwaysChunk re-reads only the item that changed', () => {
    const workspace = new Workspace({ alwaysChunk: true });
    // The workspace keeps one object per path, so the items are taken before the edit.
    const before = workspace.setFile('a.portfolio.yaml', text).initiatives;
    const at = text.indexOf('Plant network core upgrade');
    const second = workspace.setFile('a.portfolio.yaml', text.slice(0, at) + 'X' + text.slice(at));
    const same = second.initiatives.filter((item, i) => item.model === before[i]!.model).length;
    assert.equal(same, before.length - 1);
  });
});

describe('checks updated in place', () => {
  const text = example('acme-it.portfolio.yaml');
  const options = { today: TODAY };

  it('typing inside an initiative updates the last index and ledger instead of building new ones, with the same figures', () => {
    const workspace = new Workspace({ alwaysChunk: true });
    workspace.setFile('a.portfolio.yaml', text);
    const before = workspace.analysis(options);
    const at = text.indexOf('Plant network core upgrade');
    assert.ok(workspace.editFile('a.portfolio.yaml', [{ start: at, end: at, text: 'X' }]));
    const after = workspace.analysis(options);
    assert.equal(after.ledger, before.ledger);
    assert.equal(after.index, before.index);
    const fresh = new Workspace({ alwaysChunk: true });
    fresh.setFile('a.portfolio.yaml', text.slice(0, at) + 'X' + text.slice(at));
    assert.deepEqual(workspace.check(options), fresh.check(options));
  });

  it('changing an initiative id builds a new index and ledger', () => {
    const workspace = new Workspace({ alwaysChunk: true });
    workspace.setFile('a.portfolio.yaml', text);
    const before = workspace.analysis(options);
    const id = /- id: ([a-z0-9-]+)\n\s+title: Plant network core upgrade/.exec(text)!;
    const at = text.indexOf(id[1]!, id.index);
    assert.ok(workspace.editFile('a.portfolio.yaml', [{ start: at, end: at, text: 'x' }]));
    const after = workspace.analysis(options);
    assert.notEqual(after.ledger, before.ledger);
    assert.ok(after.index.initiative(`x${id[1]}`));
    assert.equal(after.index.initiative(id[1]!), undefined);
  });
});
