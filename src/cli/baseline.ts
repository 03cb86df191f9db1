// A saved side of a diff (docs/cli.md, "Baseline files"): what `diff --save-baseline` writes and
// `diff --base FILE.json` reads. The summary is check's JSON summary (amounts in major units).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Summary } from '../core/summary/summarize';
import type { Snapshot, SnapshotFinding } from '../core/summary/diff';
import { currencyExponent, isCurrency } from '../core/model/money';
import { toJsonSummary } from '../core/summary/report/json';
import { UsageError } from './discover';

export const BASELINE_KIND = 'portfolio-align-baseline';
export const BASELINE_VERSION = 1;

export interface BaselineSide {
  ref: string | null;
  commit: string | null;
  snapshot: Snapshot;
}

export function baselineJson(side: BaselineSide): string {
  const { summary, initiatives, findings, unparsed } = side.snapshot;
  return (
    JSON.stringify(
      {
        kind: BASELINE_KIND,
        version: BASELINE_VERSION,
        ref: side.ref,
        commit: side.commit,
        summary: toJsonSummary(summary),
        initiatives,
        findings,
        unparsed,
      },
      null,
      2,
    ) + '\n'
  );
}

/** Whether --base names a baseline file (an existing *.json file) rather than a git ref. */
export function isBaselineFile(base: string, cwd: string): boolean {
  // Only names ending in .json: a branch called like a file of the folder stays a branch.
  if (!/\.json$/i.test(base)) return false;
  const file = path.resolve(cwd, base);
  return fs.existsSync(file) && fs.statSync(file).isFile();
}

export function readBaseline(file: string, cwd: string): BaselineSide {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(path.resolve(cwd, file), 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `Cannot read the baseline ${file}: ${code ?? 'it is not JSON'}. Write one with portfolio-align diff --save-baseline ${file}.`,
    );
  }
  const record = data as Record<string, unknown>;
  if (
    !record ||
    typeof record !== 'object' ||
    record.kind !== BASELINE_KIND ||
    typeof record.summary !== 'object' ||
    typeof record.initiatives !== 'object' ||
    !Array.isArray(record.findings)
  ) {
    throw new UsageError(`${file} is not a portfolio-align baseline: write one with portfolio-align diff --save-baseline ${file}.`);
  }
  if (record.version !== BASELINE_VERSION)
    throw new UsageError(
      `${file} is a version ${String(record.version)} baseline; this portfolio-align reads version ${BASELINE_VERSION}: write it again with --save-baseline.`,
    );
  const summary = fromJsonSummary(record.summary as Record<string, unknown>, file);
  return {
    ref: typeof record.ref === 'string' ? record.ref : null,
    commit: typeof record.commit === 'string' ? record.commit : null,
    snapshot: {
      summary,
      initiatives: record.initiatives as Record<string, string>,
      findings: record.findings as SnapshotFinding[],
      unparsed: Array.isArray(record.unparsed) ? (record.unparsed as string[]) : [],
    },
  };
}

/** check's JSON summary back in minor units: the inverse of toJsonSummary, for what diff reads. */
function fromJsonSummary(json: Record<string, unknown>, file: string): Summary {
  const currency = json.currency;
  if (typeof currency !== 'string' || !(isCurrency(currency) || currency === 'XXX') || typeof json.totalSpend !== 'number') {
    throw new UsageError(`${file} has no readable summary: write it again with portfolio-align diff --save-baseline ${file}.`);
  }
  const scale = 10 ** currencyExponent(currency);
  const minor = (major: unknown) => (typeof major === 'number' ? Math.round(major * scale) : 0);
  const optionalMinor = (major: unknown) => (typeof major === 'number' ? Math.round(major * scale) : undefined);
  const optional = (value: unknown) => (value === null || value === undefined ? undefined : value);
  const list = (value: unknown) => (Array.isArray(value) ? (value as Array<Record<string, unknown>>) : []);
  const category = (json.byCategory ?? {}) as Record<string, unknown>;
  const summary = {
    ...json,
    name: optional(json.name),
    brm: optional(json.brm),
    fiscalYear: optional(json.fiscalYear),
    totalSpend: minor(json.totalSpend),
    alignedSpend: minor(json.alignedSpend),
    unlinkedSpend: minor(json.unlinkedSpend),
    measuredSpend: minor(json.measuredSpend),
    budget: optionalMinor(json.budget),
    budgetUse: optional(json.budgetUse),
    byOutcome: list(json.byOutcome).map((o) => ({
      ...o,
      spend: minor(o.spend),
      budget: optionalMinor(o.budget),
      budgetUse: optional(o.budgetUse),
    })),
    byCapability: list(json.byCapability).map((c) => ({ ...c, spend: minor(c.spend) })),
    byOwner: list(json.byOwner).map((o) => ({ ...o, spend: minor(o.spend) })),
    byCategory: {
      run: minor(category.run),
      grow: minor(category.grow),
      transform: minor(category.transform),
      uncategorized: minor(category.uncategorized),
    },
    unlinked: list(json.unlinked).map((u) => ({ ...u, spend: minor(u.spend) })),
    initiatives: [],
  };
  return summary as unknown as Summary;
}
