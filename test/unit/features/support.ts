// Shared by the language-feature tests: a workspace from texts, positions by marker, and edits
// applied to text the way an editor would.
import { LineIndex, type Position } from '../../../src/core/lineIndex';
import type { TextEdit } from '../../../src/core/features/navigation';
import { Workspace, type Analysis } from '../../../src/core/workspace';

export const TODAY = '2027-06-01';

export function analysisOf(files: Record<string, string>): Analysis {
  const workspace = new Workspace();
  for (const [path, text] of Object.entries(files)) workspace.setFile(path, text);
  return workspace.analysis({ today: TODAY });
}

/** The position of the `occurrence`-th `needle` in `text`, plus `shift` characters. */
export function at(text: string, needle: string, shift = 0, occurrence = 1): Position {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" not found ${occurrence} times`);
  }
  return new LineIndex(text).positionAt(index + shift);
}

/** Applies edits to one file's text, last first, as VS Code applies a WorkspaceEdit. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

export const OUTCOMES = `apiVersion: portfolio/v1
kind: Portfolio
outcomes:
  - id: supply-chain-cost
    title: Cut the cost to run the supply chain
    owner: COO
    capability: Supply chain
    budget: 2M
    measures:
      - kind: cost
        metric: Cost per order
        baseline: 12
        target: 10
        actual: 11
        due: 2027-12-31
  - id: order-to-cash
    title: Get paid faster
    owner: CFO
    capability: Finance
`;

export const INITIATIVES = `apiVersion: portfolio/v1
kind: Portfolio
metadata:
  name: Test portfolio
  currency: EUR
  brm: Dana
  rates: { USD: 0.5 }
initiatives:
  - id: erp
    title: ERP upgrade for the supply chain
    type: software-upgrade
    outcomes: [supply-chain-cost]
    cost: 1.5M
    owner: ERP team
  - id: invoicing
    title: Invoicing
    outcomes: { supply-chain-cost: 30%, order-to-cash: 70% }
    cost: "200k USD"
    owner: Finance IT
    dependsOn: [erp]
  - id: warehouse-robots
    title: Warehouse robots for the supply chain
    cost: 400k
    owner: Logistics
`;
