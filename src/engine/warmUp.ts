// Runs the engine once on the starter portfolio when the worker starts. The first check in a fresh
// worker cost 0.1-0.7 s whatever the file's size (the first validation of a 29-initiative example
// logged parse times of 1.1 s): that is cold code (the bundle's functions compiled on first call,
// zod building each schema's checks on its first parse, the YAML library's first parse), not work
// done per check: warm, the same file takes 6-8 ms. Started with the worker, this overlaps the
// extension host's search and reading of the folder's files, so the user's first check runs warm.
import { uncommentedTemplate } from '../core/model/template';
import { Workspace } from '../core/check/workspace';

export function warmUp(): void {
  try {
    // Both ways of reading a file: whole, and in chunks (larger files), as a file and after an edit.
    for (const alwaysChunk of [false, true]) {
      const workspace = new Workspace({ alwaysChunk });
      const starter = uncommentedTemplate(2000);
      workspace.setFile('warm-up.portfolio.yaml', starter);
      workspace.setFile(
        'warm-up-broken.portfolio.yaml',
        'apiVersion: portfolio/v1\nkind: Portfolio\ninitiatives:\n  - id: a\n    titl\n    cost: 1k\n',
      );
      workspace.check({ today: '2000-06-01' });
      workspace.editFile('warm-up.portfolio.yaml', [{ start: starter.length, end: starter.length, text: '# edited\n' }]);
      workspace.check({ today: '2000-06-01' });
    }
  } catch {
    // Only a warm-up: a failure here would show again, with its message, on the first real check.
  }
}
