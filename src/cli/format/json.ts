// The `check --format json` contract, version 1 (docs/cli.md).
import type { CheckResult } from '../../core/workspace';
import { JSON_CONTRACT_VERSION, toJsonSummary } from '../../core/report/json';

export function formatJson(result: CheckResult, display: (path: string) => string): string {
  return JSON.stringify({
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
    summary: toJsonSummary({ ...result.summary, unlinked: result.summary.unlinked.map((u) => ({ ...u, path: display(u.path) })), byOutcome: result.summary.byOutcome.map((o) => ({ ...o, path: display(o.path) })), goals: result.summary.goals.map((g) => ({ ...g, path: display(g.path) })) }),
  }, null, 2);
}
