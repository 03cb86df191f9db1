// Messages between the summary panel's host (panel.ts, in the extension host) and its page script
// (page/main.ts, in the webview). Both sides validate what they receive with these schemas: the
// page must not trust a malformed summary, and the host must not trust a page that could have
// been tampered with. zod/mini and named imports keep the page bundle small; nothing here may
// import src/core/model/schema.ts, which would pull the full zod into the page.
import {
  array,
  boolean,
  discriminatedUnion,
  enum as oneOf,
  int,
  literal,
  maxLength,
  minimum,
  nullable,
  number,
  object,
  optional,
  record,
  strictObject,
  string,
  type infer as Infer,
} from 'zod/mini';
import type { Summary } from '../core/summary/summarize';
import type { Comparison } from '../core/summary/report/compareView';
import type { TrendPoint } from '../core/summary/report/trendView';
import { ruleIds } from '../core/check/ruleIds';
import {
  categories as CATEGORIES,
  goalStatuses as GOAL_STATUSES,
  initiativeTypes as TYPES,
  outcomeKinds as OUTCOME_KINDS,
  relationshipModels as MODELS,
  statuses as STATUSES,
  unlinkedReasons as REASONS,
} from '../core/model/enums';
import type { GoalStatus } from '../core/check/goals';
import type { UnlinkedReason } from '../core/check/ledger';

// The core's enumerations come from core/enums.ts, which has no zod: the page bundle stays small.
export { STATUSES };

export const SCOPES = ['folder', 'file'] as const;
export type Scope = (typeof SCOPES)[number];
export const EXPORT_FORMATS = ['md', 'csv', 'html', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** The formats written as text; xlsx is a binary workbook. */
export type TextExportFormat = Exclude<ExportFormat, 'xlsx'>;

/** Longest path, id or name a page message may carry: generous, but bounded. */
const MAX_TEXT = 20_000;

const text = () => string().check(maxLength(MAX_TEXT));
const minor = () => int();
const share = () => number();
const line = () => int().check(minimum(1));
const count = () => int().check(minimum(0));

const location = { path: string(), line: line() };

const OutcomeSpendSchema = object({
  ...location,
  id: string(),
  title: string(),
  kind: oneOf(OUTCOME_KINDS),
  owner: optional(string()),
  capability: optional(string()),
  spend: minor(),
  initiatives: count(),
  budget: optional(minor()),
  budgetUse: optional(share()),
  measured: boolean(),
});

const UnlinkedItemSchema = object({
  ...location,
  id: string(),
  title: string(),
  type: optional(oneOf(TYPES)),
  owner: optional(string()),
  status: optional(oneOf(STATUSES)),
  spend: minor(),
  reason: oneOf(REASONS),
});

const InitiativeRowSchema = object({
  ...location,
  id: string(),
  title: string(),
  category: optional(oneOf(CATEGORIES)),
  type: optional(oneOf(TYPES)),
  owner: optional(string()),
  status: optional(oneOf(STATUSES)),
  priority: optional(number()),
  spend: minor(),
  aligned: minor(),
  unlinked: minor(),
  outcomes: array(string()),
  reason: optional(oneOf(REASONS)),
});

const GoalItemSchema = object({
  ...location,
  outcome: string(),
  outcomeTitle: string(),
  metric: string(),
  kind: optional(string()),
  unit: optional(string()),
  baseline: optional(number()),
  target: optional(number()),
  actual: optional(number()),
  due: optional(string()),
  status: oneOf(GOAL_STATUSES),
});

export const SummarySchema = object({
  name: optional(string()),
  brm: optional(string()),
  fiscalYear: optional(number()),
  currency: string(),
  relationshipModel: oneOf(MODELS),
  today: string(),
  counts: object({ files: count(), outcomes: count(), initiatives: count(), cancelled: count() }),
  totalSpend: minor(),
  alignedSpend: minor(),
  unlinkedSpend: minor(),
  alignmentScore: nullable(share()),
  measuredSpend: minor(),
  measuredShare: nullable(share()),
  budget: optional(minor()),
  budgetUse: optional(share()),
  unconverted: count(),
  byOutcome: array(OutcomeSpendSchema),
  byCapability: array(object({ capability: nullable(string()), spend: minor(), outcomes: count() })),
  byOwner: array(object({ owner: nullable(string()), spend: minor(), initiatives: count() })),
  byCategory: object({ run: minor(), grow: minor(), transform: minor(), uncategorized: minor() }),
  runShare: nullable(share()),
  runBenchmark: object({ low: share(), high: share() }),
  unlinked: array(UnlinkedItemSchema),
  initiatives: array(InitiativeRowSchema),
  goals: array(GoalItemSchema),
  practices: array(object({ id: string(), title: string(), met: boolean(), detail: string() })),
  problems: object({
    errors: count(),
    warnings: count(),
    infos: count(),
    byRule: array(object({ rule: oneOf(ruleIds), count: count() })),
  }),
});

const ComparedInitiativeSchema = object({ id: string(), title: string(), path: nullable(string()), line: nullable(line()) });

/** What changed since a git ref ("Compare with…"): see core/report/compareView.ts. */
export const ComparisonSchema = object({
  ref: string(),
  currency: string(),
  currencyChanged: boolean(),
  delta: object({
    alignmentScore: nullable(share()),
    totalSpend: nullable(minor()),
    unlinkedSpend: nullable(minor()),
    measuredShare: nullable(share()),
    budgetUse: nullable(share()),
  }),
  added: array(ComparedInitiativeSchema),
  removed: array(ComparedInitiativeSchema),
  changed: count(),
  newFindings: array(
    object({ code: oneOf(ruleIds), severity: oneOf(['error', 'warning', 'info']), message: string(), path: string(), line: line() }),
  ),
  fixedFindings: count(),
  omitted: count(),
});

/** One point of the trend (see core/summary/report/trendView.ts). */
const TrendPointSchema = object({
  commit: text(),
  date: text(),
  label: optional(text()),
  currency: string(),
  alignmentScore: nullable(share()),
  totalSpend: minor(),
  unlinkedSpend: minor(),
});

/** The most points the host sends: the trend is of the last commits (see extension/gitTrend.ts). */
export const MAX_TREND_POINTS = 50;

export const TREND_STATUSES = ['loading', 'ready', 'unavailable', 'failed'] as const;

const FiltersSchema = object({ owner: nullable(text()), status: nullable(oneOf(STATUSES)) });
export type Filters = Infer<typeof FiltersSchema>;
export const NO_FILTERS: Filters = { owner: null, status: null };

// ---- host to page ----

const SummaryMessageSchema = strictObject({
  type: literal('summary'),
  /** The folder key (a URI), kept by the page in its state so a reload reopens the same folder. */
  folder: string(),
  folderName: string(),
  /** The portfolio file the "This file" scope shows: the last one active in the folder. */
  file: nullable(object({ path: string(), name: string() })),
  scope: oneOf(SCOPES),
  filters: FiltersSchema,
  /** Choices for the filters, from the summary of the current scope without owner or status. */
  owners: array(string()),
  statuses: array(oneOf(STATUSES)),
  view: object({ bands: object({ good: share(), fair: share() }), pageSize: int().check(minimum(1)) }),
  /** File paths (URIs) as the report shows them: relative to the workspace folder. */
  displayPaths: record(string(), string()),
  /** `initiatives` is sent empty: the view does not show it, and it is the bulk of a large portfolio. */
  summary: SummarySchema,
  /** Why the Excel export cannot work in this extension host (the web one); absent when it can. */
  excelUnavailable: optional(text()),
  /** Whether "Compare with…" can work here, and if not why (no git, no repository). */
  compare: optional(object({ available: boolean(), reason: optional(string()) })),
  /** The comparison with a git ref the user chose, until cleared. */
  comparison: optional(ComparisonSchema),
});

const StatusMessageSchema = strictObject({
  type: literal('status'),
  /** "Checking the portfolio…", "No portfolio files", an error: shown in a live region. */
  message: string(),
  busy: boolean(),
});

/** The Trend section: progress while it loads, then the points, or why there are none. */
const TrendMessageSchema = strictObject({
  type: literal('trend'),
  /** The folder the trend is of: the page drops a trend of another folder. */
  folder: string(),
  status: oneOf(TREND_STATUSES),
  /** Progress, the reason it is unavailable, or what the points cover. */
  message: text(),
  points: optional(array(TrendPointSchema).check(maxLength(MAX_TREND_POINTS))),
});

export const HostMessageSchema = discriminatedUnion('type', [SummaryMessageSchema, StatusMessageSchema, TrendMessageSchema]);
export type HostMessage = Infer<typeof HostMessageSchema>;
export type SummaryMessage = Infer<typeof SummaryMessageSchema>;
export type TrendMessage = Infer<typeof TrendMessageSchema>;

// ---- page to host ----

export const PageMessageSchema = discriminatedUnion('type', [
  strictObject({ type: literal('ready') }),
  strictObject({ type: literal('reveal'), path: text(), line: line() }),
  strictObject({ type: literal('link'), path: text(), initiative: text() }),
  strictObject({ type: literal('setScope'), scope: oneOf(SCOPES) }),
  strictObject({ type: literal('setFilter'), owner: nullable(text()), status: nullable(oneOf(STATUSES)) }),
  strictObject({ type: literal('export'), format: oneOf(EXPORT_FORMATS) }),
  strictObject({ type: literal('showProblems'), rule: oneOf(ruleIds) }),
  /** Compare with a git ref: the host asks which (HEAD, a branch, a tag) unless given one. */
  strictObject({ type: literal('compare'), ref: optional(text()) }),
  strictObject({ type: literal('clearComparison') }),
  /** Load the Trend section: the folder's git history, on demand. */
  strictObject({ type: literal('showTrend') }),
  /** What the page shows after each render: the score and the ids in the unlinked table. */
  strictObject({
    type: literal('rendered'),
    score: text(),
    unlinked: array(text()).check(maxLength(1000)),
    /** The dots of the trend's score chart, when it is shown. */
    trendPoints: optional(count()),
  }),
]);
export type PageMessage = Infer<typeof PageMessageSchema>;

// ---- what the page keeps with setState, and VS Code hands back to the serializer ----

export const PageStateSchema = object({
  version: literal(1),
  folder: optional(text()),
  file: optional(nullable(text())),
  scope: oneOf(SCOPES),
  filters: FiltersSchema,
  /** Current page per paged table. */
  pages: record(string().check(maxLength(64)), count()),
  scrollY: number().check(minimum(0)),
});
export type PageState = Infer<typeof PageStateSchema>;

export const INITIAL_PAGE_STATE: PageState = { version: 1, scope: 'folder', filters: NO_FILTERS, pages: {}, scrollY: 0 };

export function parseHostMessage(data: unknown): HostMessage | undefined {
  const result = HostMessageSchema.safeParse(data);
  return result.success ? result.data : undefined;
}

export function parsePageMessage(data: unknown): PageMessage | undefined {
  const result = PageMessageSchema.safeParse(data);
  return result.success ? result.data : undefined;
}

export function parsePageState(data: unknown): PageState | undefined {
  const result = PageStateSchema.safeParse(data);
  return result.success ? result.data : undefined;
}

// ---- compile-time checks that the schema matches the core's types ----

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checks: [
  Same<(typeof GOAL_STATUSES)[number], GoalStatus>,
  Same<(typeof REASONS)[number], UnlinkedReason>,
  Same<Infer<typeof SummarySchema>, Summary>,
  Same<Infer<typeof ComparisonSchema>, Comparison>,
  Same<Infer<typeof TrendPointSchema>, TrendPoint>,
] = [true, true, true, true, true];
void checks;
