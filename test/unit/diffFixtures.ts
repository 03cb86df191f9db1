// The outcomes file both diff test files compare portfolios against.
import { yaml } from './helpers';

export const OUTCOMES = yaml`
  apiVersion: portfolio/v1
  kind: Portfolio
  metadata:
    name: Diff test
    currency: EUR
    budget: 2M
    brm: Dana
  outcomes:
    - id: cost
      title: Cut cost
      owner: COO
      capability: Supply chain
      measures:
        - { kind: cost, metric: Cost per order, baseline: 12, target: 11 }
    - id: growth
      title: Grow
      owner: CEO
      capability: Sales
      measures:
        - { kind: revenue, metric: Revenue, baseline: 10, target: 11 }
`;
