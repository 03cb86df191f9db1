// The format's fixed vocabularies. Kept apart from schema.ts (which builds the zod schemas) so
// that code needing only the words, such as the extension's settings, does not load zod.

export const relationshipModels = ['passive', 'provider', 'partner', 'peer'] as const;
export type RelationshipModel = (typeof relationshipModels)[number];

export const severities = ['error', 'warning', 'info', 'off'] as const;
export type Severity = (typeof severities)[number];

export const outcomeKinds = ['outcome', 'mandate'] as const;
export const measureKinds = ['cost', 'time', 'quality'] as const;
export const categories = ['run', 'grow', 'transform'] as const;
export const initiativeTypes = ['infrastructure', 'software-upgrade', 'application', 'data', 'security', 'other'] as const;
export const statuses = ['proposed', 'approved', 'in-progress', 'done', 'cancelled'] as const;
export type Category = (typeof categories)[number];
export type InitiativeType = (typeof initiativeTypes)[number];
export type Status = (typeof statuses)[number];
export type MeasureKind = (typeof measureKinds)[number];

/** Goal status of a measure (goals.ts decides which). */
export const goalStatuses = ['met', 'on-track', 'missed', 'not-measured'] as const;
/** Why spend counts as unlinked (ledger.ts decides which). */
export const unlinkedReasons = ['no-link', 'unknown-outcome', 'split-below-100'] as const;
