import { always, type Rule } from './rule';

// Found by schema validation (validate.ts); this file holds the rule's catalogue entry.
export const schema: Rule = {
  id: 'schema',
  title: 'Schema',
  description: 'A value of the wrong shape, type or enum, a missing required key, or an unknown key.',
  defaults: always('error'),
};
