// Ids across every file checked together: where each outcome and initiative is defined.
import type { Located, PortfolioFile } from './file';
import type { InitiativeModel, OutcomeModel } from './model';

export interface Definition<T> {
  file: PortfolioFile;
  item: Located<T>;
}

export class WorkspaceIndex {
  /** Definitions by id, in file order; the first one is the one links resolve to. */
  readonly outcomes = new Map<string, Array<Definition<OutcomeModel>>>();
  readonly initiatives = new Map<string, Array<Definition<InitiativeModel>>>();

  constructor(readonly files: readonly PortfolioFile[]) {
    for (const file of files) {
      for (const item of file.outcomes) add(this.outcomes, item.model.id?.value, { file, item });
      for (const item of file.initiatives) add(this.initiatives, item.model.id?.value, { file, item });
    }
  }

  outcome(id: string): Definition<OutcomeModel> | undefined {
    return this.outcomes.get(id)?.[0];
  }

  initiative(id: string): Definition<InitiativeModel> | undefined {
    return this.initiatives.get(id)?.[0];
  }
}

function add<T>(map: Map<string, T[]>, id: string | undefined, value: T): void {
  if (id === undefined) return;
  const list = map.get(id);
  if (list) list.push(value);
  else map.set(id, [value]);
}
