// Ids across every file checked together: where each outcome and initiative is defined.
import type { Located, PortfolioFile } from '../model/file';
import type { InitiativeModel, OutcomeModel } from '../model/model';

export interface Definition<T> {
  file: PortfolioFile;
  item: Located<T>;
}

declare module '../model/file' {
  interface Located<T> {
    /** Its index entry, reused while the item and its file are the same (definitionOf). */
    definition: Definition<T> | undefined;
  }
}

export class WorkspaceIndex {
  /** The first definition of each id, in file order: the one links resolve to. */
  readonly outcomes = new Map<string, Definition<OutcomeModel>>();
  readonly initiatives = new Map<string, Definition<InitiativeModel>>();
  /** Every definition of the ids defined more than once (duplicate-id reports these). */
  readonly duplicateOutcomes = new Map<string, Array<Definition<OutcomeModel>>>();
  readonly duplicateInitiatives = new Map<string, Array<Definition<InitiativeModel>>>();

  /** Numbers that change whenever the set of outcome (or initiative) ids changes: rules key their memos on them. */
  readonly outcomeIdsVersion: number;
  readonly initiativeIdsVersion: number;

  constructor(
    readonly files: readonly PortfolioFile[],
    versions: IdVersions = new IdVersions(),
  ) {
    for (const file of files) {
      for (const item of file.outcomes) add(this.outcomes, this.duplicateOutcomes, item.model.id?.value, definitionOf(file, item));
      for (const item of file.initiatives) add(this.initiatives, this.duplicateInitiatives, item.model.id?.value, definitionOf(file, item));
    }
    this.outcomeIdsVersion = versions.outcomes.versionOf(this.outcomes);
    this.initiativeIdsVersion = versions.initiatives.versionOf(this.initiatives);
  }

  /**
   * Replacing initiatives of `file` by others with the same ids, in place: the commit, or
   * undefined when it cannot be done so (an id changed or is defined more than once), in which
   * case a new index must be built. The outcomes and every other file must be unchanged.
   */
  prepareReplace(
    file: PortfolioFile,
    removed: ReadonlyArray<Located<InitiativeModel>>,
    added: ReadonlyArray<Located<InitiativeModel>>,
  ): (() => void) | undefined {
    if (removed.length !== added.length) return undefined;
    for (let i = 0; i < removed.length; i++) {
      const id = removed[i]!.model.id?.value;
      if (id !== added[i]!.model.id?.value) return undefined;
      if (id !== undefined && (this.duplicateInitiatives.has(id) || this.initiatives.get(id)?.item !== removed[i])) return undefined;
    }
    return () => {
      for (const item of added) {
        const id = item.model.id?.value;
        // Setting an existing key keeps its place: iteration order stays that of a fresh index.
        if (id !== undefined) this.initiatives.set(id, definitionOf(file, item));
      }
    };
  }

  outcome(id: string): Definition<OutcomeModel> | undefined {
    return this.outcomes.get(id);
  }

  initiative(id: string): Definition<InitiativeModel> | undefined {
    return this.initiatives.get(id);
  }

  /** Every definition of an id, first one first. */
  definitions(kind: 'outcome' | 'initiative', id: string): Array<Definition<OutcomeModel | InitiativeModel>> {
    const first = kind === 'outcome' ? this.outcomes.get(id) : this.initiatives.get(id);
    const all = kind === 'outcome' ? this.duplicateOutcomes.get(id) : this.duplicateInitiatives.get(id);
    return all ?? (first ? [first] : []);
  }
}

/** The same definition object while the item is unchanged: no allocation per item and check. */
function definitionOf<T>(file: PortfolioFile, item: Located<T>): Definition<T> {
  const known = item.definition;
  if (known?.file === file) return known;
  const definition = { file, item };
  item.definition = definition;
  return definition;
}

class IdSetVersion {
  private ids: Set<string> | undefined;
  private version = 0;

  versionOf(map: ReadonlyMap<string, unknown>): number {
    let same = this.ids !== undefined && this.ids.size === map.size;
    if (same) {
      for (const id of map.keys()) {
        if (!this.ids!.has(id)) {
          same = false;
          break;
        }
      }
    }
    if (!same) {
      this.ids = new Set(map.keys());
      this.version++;
    }
    return this.version;
  }
}

/** Kept by a workspace across checks, so that an unchanged id set keeps its version number. */
export class IdVersions {
  readonly outcomes = new IdSetVersion();
  readonly initiatives = new IdSetVersion();
}

function add<T>(first: Map<string, T>, duplicates: Map<string, T[]>, id: string | undefined, value: T): void {
  if (id === undefined) return;
  const existing = first.get(id);
  if (existing === undefined) {
    first.set(id, value);
    return;
  }
  const list = duplicates.get(id);
  if (list) list.push(value);
  else duplicates.set(id, [existing, value]);
}
