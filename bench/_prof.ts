import { generatePortfolio } from './generate';
import { Workspace } from '../src/core/workspace';
const text = generatePortfolio({ initiatives: 10000 });
const ws = new Workspace(); ws.setFile('a', text); ws.check({ today: '2027-06-01' });
const N = Number(process.env.N ?? 100);
const t0 = performance.now();
for (let k = 0; k < N; k++) { ws.setFile('a', text.replace('Initiative 5000 for', `Initiative 5000${k} for`)); ws.analysis({ today: '2027-06-01' }); }
console.log('per edit', ((performance.now() - t0) / N).toFixed(1));
