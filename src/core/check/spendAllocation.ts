// An initiative's spend split over the outcomes it links to, by the link weights, to the cent.
// Apart from the ledger (which keeps the totals and updates them in place while typing) because
// this part needs nothing but the entry and the ids of the outcomes that exist.
import { allocate } from '../model/money';
import { WEIGHT_WHOLE, type InitiativeModel, type LinksModel } from '../model/model';
import type { InitiativeSpend } from './ledger';

/** Which outcome ids exist: the workspace index's outcomes. */
type OutcomeIds = ReadonlyMap<string, unknown>;

/**
 * Fills the entry's allocations (one per link to an existing outcome), its unlinked rest and the
 * reason for that rest, from its spend. The entry must have no allocations yet.
 */
export function allocateSpend(entry: InitiativeSpend, outcomes: OutcomeIds): void {
  const links = entry.item.model.links;
  if (links.form === 'none') {
    entry.unlinked = entry.spend;
    entry.reason = 'no-link';
    return;
  }
  const parts = splitOf(links, entry.spend);
  const entries = links.entries;
  let allocated = 0;
  let unknown = false;
  for (let i = 0; i < entries.length; i++) {
    const id = entries[i]!.id;
    if (!outcomes.has(id)) {
      unknown = true;
      continue;
    }
    allocated += parts[i]!;
    entry.allocations.push({ id, amount: parts[i]! });
  }
  entry.unlinked = entry.spend - allocated;
  if (unknown) entry.reason = 'unknown-outcome';
  else if (entry.unlinked > 0) entry.reason = 'split-below-100';
}

/**
 * Which links resolve, as bits behind a leading 1 (so [] is 1, [known] is 3, [unknown] is 2):
 * an entry is reused only while this is the same. NaN, never equal, past 30 links.
 */
export function resolvedLinks(model: InitiativeModel, outcomes: OutcomeIds): number {
  const entries = model.links.entries;
  if (entries.length > 30) return NaN;
  let known = 1;
  for (const link of entries) known = known * 2 + (outcomes.has(link.id) ? 1 : 0);
  return known;
}

/** The spend split by the link weights (the rest, below 100%, last); memoised per links. */
function splitOf(links: LinksModel, spend: number): number[] {
  const known = links.split;
  if (known?.spend === spend) return known.parts;
  const weights = links.entries.map((link) => link.weight);
  if (links.form === 'weighted' && links.weightSum < WEIGHT_WHOLE) weights.push(WEIGHT_WHOLE - links.weightSum);
  const parts = allocate(spend, weights);
  links.split = { spend, parts };
  return parts;
}
