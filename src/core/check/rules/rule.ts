// What every rule file exports, and the context rules run in.
import type { Finding } from '../diagnostics';
import type { PortfolioFile } from '../../model/file';
import type { InitiativeSpend, SpendLedger } from '../ledger';
import type { Located } from '../../model/file';
import type { InitiativeModel } from '../../model/model';
import type { RuleId } from '../ruleIds';
import type { RelationshipModel, Severity } from '../../model/schema';
import type { WorkspaceIndex } from '../workspaceIndex';

export const DOCS_BASE = 'https://github.com/portfolio-alignment/portfolio-alignment/blob/main/docs';

export function docsUrl(id: RuleId): string {
  return `${DOCS_BASE}/rules/${id}.md`;
}

export interface RuleContext {
  files: readonly PortfolioFile[];
  index: WorkspaceIndex;
  ledger: SpendLedger;
  /** Today's date as YYYY-MM-DD, from the caller's clock. */
  today: string;
  report(finding: Finding): void;
}

export interface Rule {
  id: RuleId;
  /** A short name for lists and SARIF. */
  title: string;
  /** What the rule flags, in one sentence. */
  description: string;
  defaults: Record<RelationshipModel, Severity>;
  /** Rules found while reading a file (yaml-syntax, schema) have no check of their own. */
  check?(context: RuleContext): void;
  /**
   * Called for each initiative of each file (cancelled ones too), in one pass that every rule
   * shares: with thousands of initiatives, one pass is much cheaper than one per rule.
   */
  initiative?(context: RuleContext, file: PortfolioFile, item: Located<InitiativeModel>): void;
  /** Called for each ledger entry (the initiatives that are not cancelled), in one shared pass. */
  spend?(context: RuleContext, entry: InitiativeSpend): void;
}

/** Default severities in the order passive, provider, partner, peer. */
export function bySeverity(passive: Severity, provider: Severity, partner: Severity, peer: Severity): Record<RelationshipModel, Severity> {
  return { passive, provider, partner, peer };
}

export const always = (severity: Severity) => bySeverity(severity, severity, severity, severity);
