// Plain-words messages for YAML errors whose library message points at the wrong place. An
// unclosed quote is reported by the library where the text ends (often the end of the file):
// the place to fix is the opening quote, found here from the syntax tree.
import { Parser } from 'yaml';

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
export function syntaxErrorWithin(problems: ReadonlyArray<{ rule: string; start: number }>, start: number, end: number): boolean {
  return problems.some((p) => p.rule === 'yaml-syntax' && p.start >= start && p.start <= end);
}
