import * as assert from 'node:assert/strict';
import { assertClean, assertOverrides, assertSeverityByModel, check, portfolio, positionOf, rangeOf, withCode, yaml } from '../helpers';

// The second "title" key would silently replace the first: YAML forbids it.
const duplicateKey = (model = 'provider') =>
  portfolio({
    metadata: { relationshipModel: model },
    outcomes: null,
    initiatives: [{ id: 'intranet-redesign', title: 'Intranet redesign', outcomes: null, cost: null, owner: 'Communications' }],
  }) + '    title: Intranet refresh\n';

describe('rule yaml-syntax', () => {
  it('fires at a duplicate key, naming it', () => {
    const text = duplicateKey();
    const found = withCode(check(text), 'yaml-syntax');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.severity, 'error');
    assert.deepEqual(found[0]!.range, rangeOf(text, 'title', 2));
    assert.match(found[0]!.message, /unique/);
    assert.match(found[0]!.message, /"title"/);
  });

  it('fires for an unclosed quote, at or after the line that opens it', () => {
    const text = yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata:
        name: "Test portfolio
        currency: EUR
    `;
    const found = withCode(check(text), 'yaml-syntax');
    assert.ok(found.length > 0);
    const opening = positionOf(text, text.indexOf('"'));
    for (const d of found) assert.ok(d.range.start.line >= opening.line, JSON.stringify(d.range));
    assert.match(found.map((d) => d.message).join(' '), /quote/);
  });

  it('does not fire for valid YAML', () => {
    assertClean(check(duplicateKey().replace('  title: Intranet refresh\n', '')));
  });

  it('is an error under every relationship model', () => {
    assertSeverityByModel('yaml-syntax', duplicateKey);
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('yaml-syntax', duplicateKey(), 'error');
  });
});
