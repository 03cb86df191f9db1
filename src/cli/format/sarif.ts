// SARIF 2.1.0 for GitHub code scanning and other static-analysis viewers.
import type { PortfolioDiagnostic } from '../../core/check/diagnostics';
import { docsUrl, rules } from '../../core/check/rules';
import type { CheckResult } from '../../core/check/workspace';
import type { RelationshipModel, Severity } from '../../core/model/enums';
import type * as Sarif from 'sarif';

/** SARIF's level for each severity. */
const LEVELS: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note', off: 'none' };

/** FNV-1a: a stable fingerprint so that code scanning can follow a result across commits. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** A relative URI reference for a path: each segment encoded, so that '#', '?' and '%' stay in the name. */
function uriOf(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function region(d: Pick<PortfolioDiagnostic, 'range'>): Sarif.Region {
  return {
    startLine: d.range.start.line + 1,
    startColumn: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
  };
}

/** A place in a file, relative to %SRCROOT% (the folder the command ran in). */
function physicalLocation(displayPath: string, d: Pick<PortfolioDiagnostic, 'range'>): Sarif.PhysicalLocation {
  return { artifactLocation: { uri: uriOf(displayPath), uriBaseId: '%SRCROOT%' }, region: region(d) };
}

function resultOf(
  d: PortfolioDiagnostic,
  displayPath: string,
  display: (path: string) => string,
  ruleIndex: number | undefined,
): Sarif.Result {
  const related: Pick<Sarif.Result, 'relatedLocations'> = d.related?.length
    ? {
        relatedLocations: d.related.map((r, id) => ({
          id,
          message: { text: r.message },
          physicalLocation: physicalLocation(display(r.path), r),
        })),
      }
    : {};
  return {
    ruleId: d.code,
    ruleIndex,
    level: LEVELS[d.severity],
    message: { text: d.message },
    locations: [{ physicalLocation: physicalLocation(displayPath, d) }],
    ...related,
    partialFingerprints: { 'portfolioAlignment/v1': fingerprint(`${d.code}|${displayPath}|${d.message}`) },
  };
}

/** A rule of the catalogue as a SARIF rule, its default level that of the summary's relationship model. */
function ruleOf(rule: (typeof rules)[number], model: RelationshipModel): Sarif.ReportingDescriptor {
  return {
    id: rule.id,
    name: rule.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    helpUri: docsUrl(rule.id),
    help: { text: `${rule.description} See ${docsUrl(rule.id)}` },
    defaultConfiguration: { level: LEVELS[rule.defaults[model]] },
    properties: { tags: ['portfolio', 'alignment'] },
  };
}

export function formatSarif(result: CheckResult, display: (path: string) => string, version: string, rootUri: string): string {
  const model = result.summary.relationshipModel;
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results = result.files.flatMap((file) =>
    file.diagnostics.map((d) => resultOf(d, display(file.path), display, ruleIndex.get(d.code))),
  );
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'portfolio-align',
            version,
            informationUri: 'https://github.com/portfolio-alignment/portfolio-alignment',
            rules: rules.map((rule) => ruleOf(rule, model)),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: rootUri } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
