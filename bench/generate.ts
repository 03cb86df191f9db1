// Synthetic portfolios for the benchmark: N initiatives, N/20 outcomes with measures, about
// 85% of initiatives linked (some weighted), the rest unlinked, a few in USD. Deterministic.

export interface GenerateOptions {
  initiatives: number;
  /** Prefix of every id, so that several files can share a workspace. */
  prefix?: string;
  /** Put the outcomes in the text (a workspace of many files puts them in one file). */
  withOutcomes?: boolean;
  /** How many outcomes exist in the workspace (for links); default N/20. */
  outcomeCount?: number;
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const CATEGORIES = ['run', 'run', 'run', 'grow', 'transform'];
const TYPES = ['application', 'infrastructure', 'software-upgrade', 'data', 'security', 'other'];
const STATUSES = ['proposed', 'approved', 'in-progress', 'done'];

export function outcomesYaml(count: number, prefix = ''): string {
  let out = 'outcomes:\n';
  for (let i = 0; i < count; i++) {
    out += `  - id: ${prefix}outcome-${i}\n    title: Business outcome number ${i}\n    owner: Sponsor ${i % 9}\n    capability: Capability ${i % 12}\n`;
    out += `    measures:\n      - kind: cost\n        metric: Cost per unit ${i}\n        unit: EUR\n        baseline: 12.40\n        target: 11.40\n        actual: 11.90\n        due: 2027-12-31\n`;
  }
  return out;
}

export function generatePortfolio(options: GenerateOptions): string {
  const n = options.initiatives;
  const prefix = options.prefix ?? '';
  const outcomeCount = options.outcomeCount ?? Math.max(1, Math.floor(n / 20));
  const next = random(n * 7919 + prefix.length);
  let out = `apiVersion: portfolio/v1\nkind: Portfolio\nmetadata:\n  name: Synthetic portfolio ${prefix}${n}\n  currency: EUR\n  relationshipModel: partner\n  brm: Bench BRM\n  rates: { USD: 0.92 }\n`;
  if (options.withOutcomes !== false) out += outcomesYaml(outcomeCount);
  out += 'initiatives:\n';
  for (let i = 0; i < n; i++) {
    const r = next();
    out += `  - id: ${prefix}initiative-${i}\n    title: Initiative ${i} for team ${i % 40}\n`;
    out += `    category: ${CATEGORIES[i % CATEGORIES.length]}\n    type: ${TYPES[i % TYPES.length]}\n`;
    if (r < 0.7) out += `    outcomes: [outcome-${Math.floor(next() * outcomeCount)}]\n`;
    else if (r < 0.85 && outcomeCount > 1) {
      // Two different outcomes: the same key twice would be a YAML error.
      const first = Math.floor(next() * outcomeCount);
      const second = (first + 1 + Math.floor(next() * (outcomeCount - 1))) % outcomeCount;
      out += `    outcomes: { outcome-${first}: 60%, outcome-${second}: 40% }\n`;
    }
    out += i % 50 === 0 ? `    cost: "${(i % 9) + 1}00k USD"\n` : `    cost: ${(i % 17) + 1}.${i % 10}M\n`;
    out += `    owner: Team ${i % 40}\n    status: ${STATUSES[i % STATUSES.length]}\n    start: 2027-01-${String((i % 28) + 1).padStart(2, '0')}\n    end: 2027-11-30\n`;
  }
  return out;
}
