// The `check --format json` contract, version 1 (docs/cli.md).
import type { Summary } from '../../core/summary/summarize';
import type { CheckResult } from '../../core/check/workspace';
import { JSON_CONTRACT_VERSION, toJsonSummary } from '../../core/summary/report/json';

/** The summary with every path as the command line prints it. */
export function withDisplayPaths(summary: Summary, display: (path: string) => string): Summary {
  return {
    ...summary,
    unlinked: summary.unlinked.map((u) => ({ ...u, path: display(u.path) })),
    byOutcome: summary.byOutcome.map((o) => ({ ...o, path: display(o.path) })),
    goals: summary.goals.map((g) => ({ ...g, path: display(g.path) })),
    initiatives: summary.initiatives.map((r) => ({ ...r, path: display(r.path) })),
  };
}

export function formatJson(result: CheckResult, display: (path: string) => string): string {
  return JSON.stringify(
    {
      version: JSON_CONTRACT_VERSION,
      files: result.files.map((file) => ({
        path: display(file.path),
        diagnostics: file.diagnostics.map((d) => ({
          code: d.code,
          severity: d.severity,
          message: d.message,
          range: d.range,
          ...(d.related ? { related: d.related.map((r) => ({ ...r, path: display(r.path) })) } : {}),
        })),
      })),
      summary: toJsonSummary(withDisplayPaths(result.summary, display)),
    },
    null,
    2,
  );
}
