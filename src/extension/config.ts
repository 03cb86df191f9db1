// Settings, read per resource so that each folder of a multi-root workspace has its own.
import * as vscode from 'vscode';
import { isRuleId, type RuleId } from '../core/check/ruleIds';
import { relationshipModels, severities, type RelationshipModel, type Severity } from '../core/model/enums';
import type { EngineSettings } from '../engine/protocol';

export const SECTION = 'portfolioAlignment';
export const DEFAULT_FILES = ['**/*.portfolio.yaml', '**/*.portfolio.yml'];

export interface Settings {
  files: string[];
  run: 'onType' | 'onSave';
  delay: number;
  rules: Partial<Record<RuleId, Severity>>;
  relationshipModel: RelationshipModel;
  /** Score thresholds as fractions: good at or above `good`, fair at or above `fair`. */
  thresholds: { good: number; fair: number };
  maxFileSize: number;
  /** The most symbols the outline of a file shows (symbolBudget.ts). */
  maxOutlineSymbols: number;
  asOfDate: string | undefined;
  /** Rows per page of the summary panel's long tables. */
  summaryPageSize: number;
}

function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function pageSize(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(Math.max(10, Math.min(500, value))) : 50;
}

function outlineLimit(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.round(value)) : 5_000;
}

export function readSettings(scope: vscode.ConfigurationScope | undefined): Settings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const rules: Partial<Record<RuleId, Severity>> = {};
  for (const [id, severity] of Object.entries(config.get<Record<string, string>>('rules') ?? {})) {
    if (isRuleId(id) && (severities as readonly string[]).includes(severity)) rules[id] = severity as Severity;
  }
  const model = config.get<string>('relationshipModel') ?? 'provider';
  const thresholds = config.get<{ good?: number; fair?: number }>('scoreThresholds') ?? {};
  const asOf = config.get<string>('asOfDate') ?? '';
  const files = config.get<string[]>('files');
  return {
    files: Array.isArray(files) && files.length > 0 ? files.filter((f) => typeof f === 'string' && f.trim() !== '') : DEFAULT_FILES,
    run: config.get<string>('run') === 'onSave' ? 'onSave' : 'onType',
    delay: Math.max(0, Math.min(10_000, config.get<number>('delay') ?? 250)),
    rules,
    relationshipModel: (relationshipModels as readonly string[]).includes(model) ? (model as RelationshipModel) : 'provider',
    thresholds: { good: (thresholds.good ?? 90) / 100, fair: (thresholds.fair ?? 70) / 100 },
    maxFileSize: Math.max(1024, config.get<number>('maxFileSize') ?? 5_000_000),
    maxOutlineSymbols: outlineLimit(config.get<unknown>('maxOutlineSymbols')),
    asOfDate: /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : undefined,
    summaryPageSize: pageSize(config.get<unknown>('summary.pageSize')),
  };
}

export function engineSettings(settings: Settings): EngineSettings {
  return { today: settings.asOfDate ?? localToday(), rules: settings.rules, defaultModel: settings.relationshipModel };
}
