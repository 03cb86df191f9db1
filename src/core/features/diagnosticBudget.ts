// Which of a file's findings the editor shows. VS Code keeps at most 1,000 diagnostics per file
// (ExtHostDiagnostics._maxDiagnosticsPerFile in VS Code 1.100; beyond it, it keeps errors, then
// warnings, in file order, so a new warning far down a large file is dropped). The editor makes
// the choice itself instead: every error, then what is new since the last check, then what is near
// the user's recent edits and the visible ranges, then the rest by severity; and it says how many
// more there are. Pure, so that the policy is tested without an editor.
import type { DiagnosticSeverity, PortfolioDiagnostic } from '../check/diagnostics';

/** VS Code's per-file limit (ExtHostDiagnostics._maxDiagnosticsPerFile). */
export const EDITOR_DIAGNOSTICS_LIMIT = 1000;
/** Lines either side of an edit or a visible range that count as near it. */
export const NEAR_LINES = 50;

/** A range of lines, 0-based, both ends included. */
export interface LineSpan {
  start: number;
  end: number;
}

export interface BudgetInput {
  diagnostics: readonly PortfolioDiagnostic[];
  /** How many diagnostics the editor keeps for one file, the "more" notice included. */
  limit?: number;
  /** Lines the user is looking at or has just edited (recent edits, visible ranges). */
  focus?: readonly LineSpan[];
  /** Keys (findingKey) of the file's findings at the previous check: the others are new. */
  previous?: ReadonlySet<string>;
}

export interface BudgetResult {
  /** What to publish, in position order. */
  shown: PortfolioDiagnostic[];
  /** How many were left out, by severity; all zero when everything fits. */
  hidden: Record<DiagnosticSeverity, number>;
}

const SEVERITY_RANK: Record<DiagnosticSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Identifies a finding across checks without its range, which moves as lines are typed above it. */
export function findingKey(d: PortfolioDiagnostic): string {
  return `${d.code}\u0000${d.message}`;
}

function near(d: PortfolioDiagnostic, focus: readonly LineSpan[]): boolean {
  const line = d.range.start.line;
  return focus.some((span) => line >= span.start - NEAR_LINES && line <= span.end + NEAR_LINES);
}

function byPosition(a: PortfolioDiagnostic, b: PortfolioDiagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/**
 * Picks what fits in the editor's limit, keeping one place for the "N more" notice when some are
 * left out. Order of preference: errors (new ones, then near the focus, then the rest), then other
 * new findings, then findings near the focus, then the rest by severity; ties in file order.
 */
export function selectDiagnostics(input: BudgetInput): BudgetResult {
  const limit = input.limit ?? EDITOR_DIAGNOSTICS_LIMIT;
  const hidden: Record<DiagnosticSeverity, number> = { error: 0, warning: 0, info: 0 };
  if (input.diagnostics.length <= limit) return { shown: [...input.diagnostics], hidden };
  const focus = input.focus ?? [];
  const previous = input.previous;
  const tier = (d: PortfolioDiagnostic): number => {
    const fresh = previous !== undefined && !previous.has(findingKey(d));
    const local = near(d, focus);
    const rank = fresh ? 0 : local ? 1 : 2;
    return d.severity === 'error' ? rank : 3 + (fresh ? 0 : local ? 1 : 2 + SEVERITY_RANK[d.severity]);
  };
  const ranked = input.diagnostics.map((d) => ({ d, tier: tier(d) }));
  ranked.sort((a, b) => a.tier - b.tier || byPosition(a.d, b.d));
  const room = limit - 1; // one place for the notice
  for (const { d } of ranked.slice(room)) hidden[d.severity]++;
  return {
    shown: ranked
      .slice(0, room)
      .map((r) => r.d)
      .sort(byPosition),
    hidden,
  };
}

/** Thousands separators, as everywhere the editor shows counts. */
function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** The text of the notice at the top of a file whose findings did not all fit. */
export function moreFindingsMessage(hidden: Record<DiagnosticSeverity, number>, total: number, fileName: string): string {
  const parts = (['error', 'warning', 'info'] as const)
    .filter((s) => hidden[s] > 0)
    .map((s) => `${count(hidden[s])} ${s === 'info' ? 'info' : hidden[s] === 1 ? s : `${s}s`}`);
  const more = hidden.error + hidden.warning + hidden.info;
  return `${count(more)} more finding${more === 1 ? ' (' + parts[0] + ') is' : `s (${parts.join(', ')}) are`} not shown here: this file has ${count(total)} and the editor shows at most ${count(EDITOR_DIAGNOSTICS_LIMIT)} per file. Shown first: errors, new findings and those near your edits and the visible lines. See them all in the summary (Portfolio Alignment: Show Summary) or with "portfolio-align check ${fileName}".`;
}
