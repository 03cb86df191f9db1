// The entry point of action.yml: reads the inputs as GitHub passes them (INPUT_<NAME> environment
// variables), runs dist/cli.js with them in this same Node.js, and gives its exit code as the
// step's result and as the `exit-code` output. Plain JavaScript, no dependency: nothing to install.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const CLI = path.join(__dirname, '..', 'dist', 'cli.js');
const COMMANDS = ['check', 'report', 'diff', 'history'];

/** An input as GitHub sets it: INPUT_ and the name in capitals, spaces as underscores. */
function input(name) {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** A list input: items separated by spaces or new lines. */
function list(name) {
  return input(name).split(/\s+/).filter(Boolean);
}

/** The command line for the inputs, or a message saying which input is wrong. */
function argumentsOf() {
  const command = input('command') || 'check';
  if (!COMMANDS.includes(command)) return { error: `The input command must be ${COMMANDS.join(', ')}, not "${command}".` };
  const args = [command, ...list('paths')];
  // Values go with "=": one that starts with "-" (such as a negative delta) is then not an option.
  const valued = { format: 'format', base: 'base', head: 'head', 'fail-on': 'fail-on', 'min-alignment': 'min-alignment', 'fail-on-new': 'fail-on-new', 'max-unlinked-increase': 'max-unlinked-increase', 'min-alignment-delta': 'min-alignment-delta' };
  for (const [name, option] of Object.entries(valued)) {
    const value = input(name);
    if (value !== '') args.push(`--${option}=${value}`);
  }
  for (const rule of list('rules')) args.push(`--rule=${rule}`);
  if (input('quiet-unchanged') === 'true') args.push('--quiet-unchanged');
  for (const extra of input('args').split('\n').map((line) => line.trim()).filter(Boolean)) args.push(extra);
  return { args };
}

function setOutput(name, value) {
  const file = process.env.GITHUB_OUTPUT;
  if (file) fs.appendFileSync(file, `${name}=${value}\n`);
}

function main() {
  const { args, error } = argumentsOf();
  if (error) {
    process.stderr.write(`::error::${error}\n`);
    setOutput('exit-code', 2);
    return 2;
  }
  if (!fs.existsSync(CLI)) {
    process.stderr.write(`::error::${CLI} is missing: the action must be used from a release tag that holds the built dist/cli.js.\n`);
    setOutput('exit-code', 2);
    return 2;
  }
  const output = input('output');
  const result = spawnSync(process.execPath, [CLI, ...args], { stdio: ['ignore', output ? 'pipe' : 'inherit', 'inherit'], maxBuffer: 1 << 30 });
  if (output) fs.writeFileSync(output, result.stdout ?? '');
  const code = result.status ?? 2;
  setOutput('exit-code', code);
  return code;
}

process.exitCode = main();
