// The rule catalogue, in the order of docs/rules and the design's table.
import type { RuleId } from '../ruleIds';
import { beyondBudget } from './beyondBudget';
import { costOverrun } from './costOverrun';
import { currency } from './currency';
import { dateOrder } from './dateOrder';
import { dependencyCycle } from './dependencyCycle';
import { duplicateId } from './duplicateId';
import { goalMissed } from './goalMissed';
import { missingBrm } from './missingBrm';
import { metadataConflict } from './metadataConflict';
import { missingOwner } from './missingOwner';
import { notInCatalog } from './notInCatalog';
import { orphanOutcome } from './orphanOutcome';
import { outcomeOverBudget } from './outcomeOverBudget';
import type { Rule } from './rule';
import { scheduleSlip } from './scheduleSlip';
import { schema } from './schema';
import { splitNot100 } from './splitNot100';
import { unknownDependency } from './unknownDependency';
import { unknownOutcome } from './unknownOutcome';
import { unlinkedInfrastructure } from './unlinkedInfrastructure';
import { unlinkedSpend } from './unlinkedSpend';
import { unmeasuredOutcome } from './unmeasuredOutcome';
import { yamlSyntax } from './yamlSyntax';

export const rules: readonly Rule[] = [
  yamlSyntax,
  schema,
  duplicateId,
  unknownOutcome,
  unlinkedSpend,
  unlinkedInfrastructure,
  splitNot100,
  unmeasuredOutcome,
  orphanOutcome,
  outcomeOverBudget,
  beyondBudget,
  notInCatalog,
  missingBrm,
  missingOwner,
  costOverrun,
  scheduleSlip,
  goalMissed,
  dateOrder,
  unknownDependency,
  dependencyCycle,
  currency,
  metadataConflict,
];

const byId = new Map(rules.map((rule) => [rule.id, rule]));

export function ruleById(id: RuleId): Rule {
  return byId.get(id)!;
}

export { docsUrl } from './rule';
export type { Rule } from './rule';
