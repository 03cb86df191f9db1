// Child process of the benchmark: validates an N-initiative file and prints the heap high-water
// mark. Run with --max-old-space-size=200 so that exceeding the target fails outright.
import * as v8 from 'node:v8';
import { Workspace } from '../src/core/check/workspace';
import { generatePortfolio } from './generate';

const n = Number(process.argv[2] ?? 10_000);
const text = generatePortfolio({ initiatives: n });
(globalThis as { gc?: () => void }).gc?.();
let peak = 0;
const note = () => {
  peak = Math.max(peak, process.memoryUsage().heapUsed, v8.getHeapStatistics().total_heap_size);
};
const workspace = new Workspace();
workspace.setFile('p.portfolio.yaml', text);
note();
const result = workspace.check({ today: '2027-06-01' });
note();
// An edit, as in the editor, while the first result is still held.
workspace.editFile('p.portfolio.yaml', [{ start: text.indexOf('Initiative 5 for'), end: text.indexOf('Initiative 5 for'), text: 'x' }]);
workspace.check({ today: '2027-06-01' });
note();
console.log(`peak=${peak} initiatives=${result.summary.counts.initiatives}`);
