// Plain-words messages for YAML errors whose library message points at the wrong place. An
// unclosed quote is reported by the library where the text ends (often the end of the file):
// the place to fix is the opening quote, found here from the syntax tree.
import { Parser } from 'yaml';
import type { FixData } from '../check/diagnostics';
import { InitiativeSchema, MeasureSchema, MetadataSchema, OutcomeSchema, PortfolioShellSchema } from '../model/schema';
import { closestKey } from '../text/suggest';

/** Every key of the format, for a key typed without its colon (the line does not say where it is). */
const ALL_KEYS = [
  ...new Set(
    [InitiativeSchema, OutcomeSchema, MeasureSchema, MetadataSchema, PortfolioShellSchema].flatMap((schema) => Object.keys(schema.shape)),
  ),
];

interface QuotedToken {
  type: 'double-quoted-scalar' | 'single-quoted-scalar';
  offset: number;
  source: string;
}

function isQuoted(value: unknown): value is QuotedToken {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'double-quoted-scalar' || type === 'single-quoted-scalar';
}

function isClosed(token: QuotedToken): boolean {
  const quote = token.type === 'double-quoted-scalar' ? '"' : "'";
  const { source } = token;
  if (source.length < 2 || !source.endsWith(quote)) return false;
  if (quote === "'") return true;
  let backslashes = 0;
  for (let i = source.length - 2; source[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}

/** The first quoted scalar of the text that is never closed, if any. */
export function unclosedQuote(text: string): QuotedToken | undefined {
  let found: QuotedToken | undefined;
  const visit = (value: unknown, depth: number): void => {
    if (found || depth > 200 || value === null || typeof value !== 'object') return;
    if (isQuoted(value)) {
      if (!isClosed(value)) found = value;
      return;
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) visit(child, depth + 1);
  };
  for (const token of new Parser().parse(text)) visit(token, 0);
  return found;
}

/** The problem to report for an unclosed quote: at the opening quote, up to the end of its line. */
export function unclosedQuoteProblem(text: string): { message: string; start: number; end: number } | undefined {
  const token = unclosedQuote(text);
  if (!token) return undefined;
  const quote = token.type === 'double-quoted-scalar' ? '"' : "'";
  const lineEnd = text.indexOf('\n', token.offset);
  const end = lineEnd === -1 ? text.length : lineEnd;
  return {
    message: `This quote (${quote}) is never closed, so the lines after it are read as part of this text (keys included). Add the closing ${quote} at the end of the value, or remove the opening one.`,
    start: token.offset,
    end: Math.max(end, token.offset + 1),
  };
}

/** Whether a chunk's YAML is broken inside [start, end]: what seems missing there may be hidden by it. */
export function syntaxErrorWithin(problems: ReadonlyArray<{ hides?: boolean; start: number }>, start: number, end: number): boolean {
  return problems.some((p) => p.hides === true && p.start >= start && p.start <= end);
}

/**
 * A word alone on its line where a key is expected ("tit" while typing "title:"): YAML reads it
 * with the next line as one long key, and the library says so in its own terms.
 */
export function halfTypedKeyProblem(
  text: string,
  start: number,
): { message: string; start: number; end: number; data?: FixData } | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  // Only a word alone on its line, where a key starts (not a value after "key: ").
  if (!/^[ ]*(?:- +)?$/.test(text.slice(lineStart, start))) return undefined;
  const word = /^([A-Za-z][A-Za-z0-9]*)[ \t]*(?:\r?\n|$)/.exec(text.slice(start, start + 200))?.[1];
  if (!word) return undefined;
  const suggestion = closestKey(word, ALL_KEYS);
  const example = suggestion ?? word;
  const message = `"${word}" is not followed by a colon, so it is not a key yet (YAML reads it together with the next line). ${suggestion ? `Did you mean "${suggestion}"? ` : ''}Write it as ${example}: followed by its value.`;
  const problem: { message: string; start: number; end: number; data?: FixData } = { message, start, end: start + word.length };
  problem.data = { kind: 'replace', text: `${example}:` };
  return problem;
}

/**
 * A tab in a line's indentation: the problem covers the line's leading whitespace, with a fix that
 * indents it with spaces like the key of the line above (its sibling, or the first key of a list
 * item "- id:"), or two spaces a tab when there is no line above.
 */
export function tabIndentProblem(text: string, at: number): { start: number; end: number; data: FixData } | undefined {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const leading = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 400))![0];
  if (!leading.includes('\t')) return undefined;
  let spaces = leading.replace(/\t/g, '  ').length;
  const before = text
    .slice(0, Math.max(0, lineStart - 1))
    .split('\n')
    .reverse()
    .find((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  if (before !== undefined && !before.includes('\t')) spaces = /^[ ]*(?:- +)*/.exec(before)![0].length;
  return { start: lineStart, end: lineStart + leading.length, data: { kind: 'indent', spaces } };
}
