// Diagnostics in the real editor, against the fixture in test/fixtures/workspace/:
// outcomes.portfolio.yaml defines faster-invoicing and customer-retention;
// initiatives.portfolio.yaml links them, with one typo ("customer-retension").
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activateExtension,
  codeOf,
  describeDiagnostic,
  describeRange,
  fixtureUri,
  openFixture,
  rangeOf,
  replaceText,
  restoreFixtures,
  waitForCodes,
} from './helpers';

const OUTCOMES = 'outcomes.portfolio.yaml';
const INITIATIVES = 'initiatives.portfolio.yaml';

suite('Diagnostics', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await restoreFixtures();
  });

  /** Opens both fixture files, outcomes first, and waits for the typo to be reported. */
  async function openBoth(): Promise<vscode.TextDocument> {
    await openFixture(OUTCOMES);
    const { document } = await openFixture(INITIATIVES);
    await waitForCodes(document.uri, ['unknown-outcome']);
    return document;
  }

  test('an unknown outcome link is reported with its rule id, severity and range', async () => {
    const document = await openBoth();
    const [diagnostic] = await waitForCodes(document.uri, ['unknown-outcome']);
    assert.ok(diagnostic);
    assert.strictEqual(codeOf(diagnostic), 'unknown-outcome');
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error, describeDiagnostic(diagnostic));
    const expected = rangeOf(document, 'customer-retension');
    assert.ok(diagnostic.range.isEqual(expected), `range ${describeRange(diagnostic.range)}, expected ${describeRange(expected)}`);
    assert.match(diagnostic.message, /customer-retension/);
  });

  test('fixing the link with an edit clears the diagnostic', async () => {
    const document = await openBoth();
    await replaceText(document, 'customer-retension', 'customer-retention');
    await waitForCodes(document.uri, []);
  });

  test('breaking a link with an edit reports it at the new place', async () => {
    const document = await openBoth();
    await replaceText(document, '[faster-invoicing]', '[faster-invoicng]');
    const diagnostics = await waitForCodes(document.uri, ['unknown-outcome', 'unknown-outcome']);
    const expected = rangeOf(document, 'faster-invoicng');
    assert.ok(
      diagnostics.some((d) => d.range.isEqual(expected)),
      `no diagnostic at ${describeRange(expected)}: ${diagnostics.map(describeDiagnostic).join('; ')}`,
    );
  });

  test('an edit in one file updates the diagnostics of the other', async () => {
    const document = await openBoth();
    const outcomes = fixtureUri(OUTCOMES);
    // While the only link to customer-retention is misspelt, nothing serves that outcome.
    await waitForCodes(outcomes, ['orphan-outcome']);
    await replaceText(document, 'customer-retension', 'customer-retention');
    await waitForCodes(outcomes, []);
  });
});
