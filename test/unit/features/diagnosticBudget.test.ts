import * as assert from 'node:assert/strict';
import type { DiagnosticSeverity, PortfolioDiagnostic } from '../../../src/core/check/diagnostics';
import { boundedLenses, LENS_MARGIN_LINES, MAX_LENSES } from '../../../src/core/features/codeLens';
import { EDITOR_DIAGNOSTICS_LIMIT, findingKey, moreFindingsMessage, selectDiagnostics } from '../../../src/core/features/diagnosticBudget';

function finding(line: number, severity: DiagnosticSeverity, message = `finding at line ${line}`): PortfolioDiagnostic {
  return {
    code: severity === 'error' ? 'unknown-outcome' : 'missing-owner',
    severity,
    message,
    range: { start: { line, character: 2 }, end: { line, character: 8 } },
  };
}

/** `n` findings of one severity, one per 10 lines from `from`. */
function many(n: number, severity: DiagnosticSeverity, from = 0): PortfolioDiagnostic[] {
  return Array.from({ length: n }, (_, i) => finding(from + i * 10, severity));
}

describe('which findings the editor shows (diagnostic budget)', () => {
  it('shows everything, in the given order, when it fits in the limit', () => {
    const all = many(EDITOR_DIAGNOSTICS_LIMIT, 'warning');
    const { shown, hidden } = selectDiagnostics({ diagnostics: all });
    assert.equal(shown.length, EDITOR_DIAGNOSTICS_LIMIT);
    assert.deepEqual(hidden, { error: 0, warning: 0, info: 0 });
  });

  it('keeps one place for the "more" notice and counts what is left out by severity', () => {
    const all = [...many(1200, 'warning'), ...many(300, 'info', 20_000)];
    const { shown, hidden } = selectDiagnostics({ diagnostics: all });
    assert.equal(shown.length, EDITOR_DIAGNOSTICS_LIMIT - 1);
    assert.deepEqual(hidden, { error: 0, warning: 201, info: 300 });
    assert.ok(
      shown.every((d) => d.severity === 'warning'),
      'warnings before info',
    );
  });

  it('shows every error, even the last one of a file full of warnings', () => {
    const all = [...many(1500, 'warning'), finding(90_000, 'error')];
    const { shown } = selectDiagnostics({ diagnostics: all });
    assert.ok(shown.some((d) => d.severity === 'error'));
  });

  it('shows a warning that is new since the last check, wherever it is', () => {
    const before = many(1500, 'warning');
    const typed = finding(40_007, 'warning', 'the typo just typed');
    const { shown } = selectDiagnostics({ diagnostics: [...before, typed], previous: new Set(before.map(findingKey)) });
    assert.ok(shown.includes(typed), 'the new finding is shown');
  });

  it('a finding moved by lines typed above it is not new: it is known by rule and message', () => {
    const before = many(1500, 'warning');
    const moved = before.map((d) => ({
      ...d,
      range: { start: { line: d.range.start.line + 3, character: 2 }, end: { line: d.range.end.line + 3, character: 8 } },
    }));
    const typed = finding(90_000, 'warning', 'the typo just typed');
    const { shown } = selectDiagnostics({ diagnostics: [...moved, typed], previous: new Set(before.map(findingKey)) });
    assert.ok(shown.includes(typed), 'only the typed finding is new, so it is shown');
  });

  it('prefers findings near the focus (recent edits, visible ranges) to the rest', () => {
    const all = many(1500, 'warning');
    const { shown } = selectDiagnostics({ diagnostics: all, focus: [{ start: 14_000, end: 14_040 }] });
    assert.ok(
      shown.some((d) => d.range.start.line === 14_000),
      'the finding in the focus is shown',
    );
    assert.ok(
      shown.some((d) => d.range.start.line === 13_950),
      'and those just above it',
    );
    assert.ok(!shown.some((d) => d.range.start.line === 13_000), 'but not those far from it, beyond the limit');
  });

  it('puts errors before the focus, and the shown findings in position order', () => {
    const errors = many(1100, 'error');
    const warning = finding(5, 'warning');
    const { shown, hidden } = selectDiagnostics({ diagnostics: [...errors, warning], focus: [{ start: 0, end: 10 }] });
    assert.ok(!shown.includes(warning), 'every place goes to errors');
    assert.deepEqual(hidden, { error: 101, warning: 1, info: 0 });
    const lines = shown.map((d) => d.range.start.line);
    assert.deepEqual(
      lines,
      [...lines].sort((a, b) => a - b),
    );
  });

  it('says how many more there are and where to see them, with thousands separators', () => {
    const message = moreFindingsMessage({ error: 0, warning: 1201, info: 300 }, 2500, 'big.portfolio.yaml');
    assert.match(message, /^1,501 more findings \(1,201 warnings, 300 info\) are not shown here/);
    assert.match(message, /this file has 2,500/);
    assert.match(message, /Show Summary/);
    assert.match(message, /portfolio-align check big\.portfolio\.yaml/);
    assert.match(moreFindingsMessage({ error: 1, warning: 0, info: 0 }, 1001, 'a.yaml'), /^1 more finding \(1 error\) is not shown/);
  });
});

describe('CodeLens in a large file (lens budget)', () => {
  const lens = (line: number) => ({ range: { start: { line, character: 8 }, end: { line, character: 12 } }, title: `lens ${line}` });

  it('hands out every lens of a small file', () => {
    const lenses = Array.from({ length: MAX_LENSES }, (_, i) => lens(i * 5));
    assert.equal(boundedLenses(lenses, []).length, MAX_LENSES);
  });

  it('hands out at most MAX_LENSES, all near the visible lines, in a large one', () => {
    const lenses = Array.from({ length: 2052 }, (_, i) => lens(i * 5));
    const shown = boundedLenses(lenses, [{ start: 5000, end: 5040 }]);
    assert.ok(shown.length > 0 && shown.length <= MAX_LENSES);
    assert.ok(shown.every((l) => l.range.start.line >= 5000 - LENS_MARGIN_LINES && l.range.start.line <= 5040 + LENS_MARGIN_LINES));
    assert.ok(
      shown.some((l) => l.range.start.line === 5020),
      'the lens on screen is there',
    );
  });
});
