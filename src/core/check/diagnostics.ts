// What the engine reports. Rules produce findings at offsets inside a chunk; the workspace turns
// them into diagnostics with 0-based line/character ranges and resolved severities.
import type { Range } from '../syntax/lineIndex';
import type { Chunk } from '../syntax/parse';
import type { RuleId } from './ruleIds';

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

export interface RelatedInformation {
  path: string;
  range: Range;
  message: string;
}

/**
 * What a quick fix needs to know, kept small so that findings stay cheap; the edits themselves
 * are computed on request (fixes.ts).
 */
export type FixData =
  | { kind: 'replace'; text: string }
  | { kind: 'unknown-outcome'; id: string; suggestion?: string }
  | { kind: 'link-outcome'; initiative: string }
  | { kind: 'split-to-100' }
  | { kind: 'add-field'; field: string; placeholder: string }
  /** Tabs in the indentation: the diagnostic covers the line's leading whitespace. */
  | { kind: 'indent'; spaces: number };

export interface PortfolioDiagnostic {
  code: RuleId;
  severity: DiagnosticSeverity;
  message: string;
  range: Range;
  related?: RelatedInformation[];
  data?: FixData;
}

/** A place in a file: offsets relative to a chunk of it. */
export interface Span {
  chunk: Chunk;
  start: number;
  end: number;
}

export interface Finding {
  rule: RuleId;
  path: string;
  span: Span;
  message: string;
  related?: Array<{ path: string; span: Span; message: string }>;
  data?: FixData;
}

/** A located problem found while reading a file, before severities are applied. */
export interface Problem {
  rule: RuleId;
  start: number;
  end: number;
  message: string;
  data?: FixData;
}
