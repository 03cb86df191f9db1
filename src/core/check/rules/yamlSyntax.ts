import { always, type Rule } from './rule';

// Found by the parser (parse.ts); this file holds the rule's catalogue entry.
export const yamlSyntax: Rule = {
  id: 'yaml-syntax',
  title: 'YAML syntax',
  description: 'YAML that does not parse: bad indentation, tabs, unclosed quotes or brackets, duplicate keys.',
  defaults: always('error'),
};
