// Manifest contributions that plain Node can check: the $portfolio-align problem matcher reads
// the real command line's text output, and the workflow the walkthrough copies is the one
// docs/cli.md documents.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CI_WORKFLOW } from '../../src/core/features/ciWorkflow';
import { REPO_ROOT } from './helpers';

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

describe('editor contributions', () => {
  it('the $portfolio-align problem matcher reads every problem line of portfolio-align check', () => {
    const [matcher] = manifest.contributes.problemMatchers;
    assert.equal(matcher.name, 'portfolio-align');
    const pattern = new RegExp(matcher.pattern.regexp);
    // Run as a task runs it: plain text (--no-color), from the workspace folder.
    const cwd = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'check', '--no-color', '--today', '2027-06-15'], {
      cwd,
      encoding: 'utf8',
    });
    assert.equal(result.status, 1, result.stderr);
    const problemLines = result.stdout.split('\n').filter((line) => /^\S+\.ya?ml:\d+:\d+ /.test(line));
    assert.ok(problemLines.length > 0, result.stdout);
    const matches = problemLines.map((line) => pattern.exec(line));
    assert.deepEqual(
      matches.filter((m) => !m).length,
      0,
      `lines the matcher misses:\n${problemLines.filter((_, i) => !matches[i]).join('\n')}`,
    );
    const typo = matches.find((m) => m![matcher.pattern.code] === 'unknown-outcome')!;
    const text = fs.readFileSync(path.join(cwd, 'initiatives.portfolio.yaml'), 'utf8').split('\n');
    const line = text.findIndex((l) => l.includes('customer-retension'));
    assert.deepEqual(
      [
        typo[matcher.pattern.file],
        Number(typo[matcher.pattern.line]),
        Number(typo[matcher.pattern.column]),
        typo[matcher.pattern.severity],
      ],
      ['initiatives.portfolio.yaml', line + 1, text[line]!.indexOf('customer-retension') + 1, 'error'],
    );
    assert.match(typo[matcher.pattern.message]!, /customer-retension/);
    // The summary under the problems is not read as a problem.
    const others = result.stdout.split('\n').filter((l) => !problemLines.includes(l));
    assert.deepEqual(
      others.filter((l) => pattern.test(l)),
      [],
    );
  });

  it('the CI workflow the walkthrough copies is the one docs/cli.md shows', () => {
    const docs = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'cli.md'), 'utf8');
    const block = /### A GitHub Actions workflow[\s\S]*?```yaml\n([\s\S]*?)```/.exec(docs);
    assert.ok(block, 'docs/cli.md has the workflow');
    assert.equal(CI_WORKFLOW, block[1]);
  });
});
