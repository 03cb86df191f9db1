// Every rule's stable id, in catalogue order. Each has a file in rules/ and a page in docs/rules/.
export const ruleIds = [
  'yaml-syntax',
  'schema',
  'duplicate-id',
  'unknown-outcome',
  'unlinked-spend',
  'unlinked-infrastructure',
  'split-not-100',
  'unmeasured-outcome',
  'orphan-outcome',
  'outcome-over-budget',
  'beyond-budget',
  'not-in-catalog',
  'missing-brm',
  'missing-owner',
  'cost-overrun',
  'schedule-slip',
  'goal-missed',
  'date-order',
  'unknown-dependency',
  'dependency-cycle',
  'currency',
  'metadata-conflict',
] as const;

export type RuleId = (typeof ruleIds)[number];

export function isRuleId(value: string): value is RuleId {
  return (ruleIds as readonly string[]).includes(value);
}
